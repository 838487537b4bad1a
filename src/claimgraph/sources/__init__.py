"""Source texts: the words of the works a registry cites, and what is known about those works.

* :mod:`.files` reads a BibTeX entry's ``file`` field (JabRef, Zotero, Better BibTeX) and resolves
  it inside the registry;
* :mod:`.texts` extracts the text of a PDF, HTML or plain-text copy, page by page, cached by the
  file's content hash;
* :mod:`.locate` finds a quote in a text (normalised, fuzzy, with ellipses and insertions) and
  reads page locators;
* :mod:`.manifest` is the registry's record of what ``claimgraph sources fetch`` retrieved;
* :mod:`.available` says, for each source, which text ``check`` can read (never fetching one);
* :mod:`.verify` looks for every quote in its source's text: the one reading the check
  (``checks/source_quotes.py``) and the site share;
* :mod:`.references` compares a BibTeX entry with the metadata record of its identifier;
* :mod:`.fetch` is the one part of claimgraph that opens network connections, and only when
  ``claimgraph sources fetch`` asks it to.
"""
