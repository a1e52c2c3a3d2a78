"""What the project knows of the world: countries (names, codes, demonyms, capitals), the gazetteer
(places with points, built into a cached index from data that packages install) and geometry.

Extractors, the store and the scorers read it; it reads only ``newsledger.resources``.
"""
