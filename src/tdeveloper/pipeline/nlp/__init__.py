"""Rule-based, offline, deterministic understanding of a project description.

`understand(text)` is the whole surface: it returns `Requirements` or raises `InputError`.
The modules behind it, in reading order: text (splitting), lexicon and verbs (word lists),
fields (typing), tokens/clauses/reader (entities and relations), relations (fields that
name entities), knowledge (catalog/domains.json), features, korean, understand.
"""

from tdeveloper.pipeline.nlp.understand import understand

__all__ = ["understand"]
