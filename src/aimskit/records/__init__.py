"""Records: the kinds of record, strict loading with positions, schemas, the loaded repository, findings."""
