"""The story stage: group articles into the events they report.

``features`` reads an article, ``vectors`` weighs it, ``cluster`` places it, ``runner``
does it over a store. (Nothing is imported here: the store loads ``state`` and must not
pull in the runner, which needs the store.)
"""
