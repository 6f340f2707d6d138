// assessment placeholder
