"""Import of existing spreadsheet registers (CSV and XLSX) as risk and AI system records.

``sheets`` reads a file into rows, ``columns`` recognises the header, ``values`` turns cells into
record values, ``records`` builds the records and their findings, ``writing`` validates the
result and writes all files or none.
"""
