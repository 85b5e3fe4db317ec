"""The one-page 1-2-1 brief: a `BriefData` printed as a PDF with ReportLab Platypus.

Every page is exactly one page whatever the data: each section is measured with `wrap()`,
the notes area gives way first, then the sections share what is left (water-filling), each
trimmed to its share with "… and N more"; the story keeps its most recent part. Text is
cut only where it does not fit, at a word with "…" (`relate.brief.fit`).

Importing the package itself loads nothing: the window reads the question bank
(`questions`) without ReportLab; `render` prints.
"""
