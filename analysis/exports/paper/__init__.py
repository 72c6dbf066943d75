"""Board-ready papers: the summary as one document model (:mod:`.model`), built once
(:mod:`.build`, :mod:`.findings`, :mod:`.detail`) and rendered as PDF (:mod:`.pdf`, reportlab)
and as Word (:mod:`.word`, python-docx) with the same cover, contents, summary and detail."""
