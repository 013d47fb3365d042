"""``govkg serve``: the store as a small local web site, read-only.

:mod:`.app` has the pages (each the records of ``govkg.queries.lookups``, with a JSON twin),
:mod:`.server` the HTTP server, :mod:`.svg` the drawings, :mod:`.fragments` the long lists,
:mod:`.articles` reads an article again from its file. Templates and the stylesheet are in
``templates/`` and ``static/``; nothing is fetched from elsewhere.
"""
