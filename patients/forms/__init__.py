"""Forms of the clinical record, one module per part of the care pathway."""
