"""Every write to the clinical record, one module per part of the care pathway."""
