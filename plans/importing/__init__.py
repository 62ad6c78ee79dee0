"""Reading a plan's heading and task table from the files plans arrive as.

This package only reads: it turns a .docx, .xlsx or .csv into plain rows and
heading fields. Matching units, parsing deadlines and creating the plan happen
in ``tasks.importing``.
"""
