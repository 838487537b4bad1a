"""An example claimgraph check plug-in (see statement_languages)."""
