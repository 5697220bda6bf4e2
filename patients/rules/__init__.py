"""Clinical rules as pure functions: values of the record in, warnings, suggestions or numbers out; they never query."""
