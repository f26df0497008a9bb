"""Who said what: claims, quotes and attributions, with speakers, quantities and dates.

The modules here work on one article at a time, on a spaCy parse of its text, so that
every span they return is a character span into ``Article.text``.
"""
