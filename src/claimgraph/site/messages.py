"""The words of the site's interface (headings, table headers, labels, buttons, navigation), by language.

The site speaks the registry's first language (``languages`` in ``claimgraph.toml``). A message is
looked up by its English text, as gettext does with a msgid; ``{name}`` fields are filled after
translation. English and French are complete; any other language falls back to English message by
message, so a registry in German gets an English interface and German data, never a missing word.
Status names are not here: they are the SKOS labels of the vocabulary (``ontology/schemes.ttl``), in
every language it has.

A test keeps the French catalogue complete: every message a shipped template asks for
has a French entry (``tests/test_site_language.py``); so do the navigation and footer words of :mod:`.build`.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

FRENCH: dict[str, str] = {
    # navigation
    "Home": "Accueil",
    "Argument": "Argumentaire",
    "Claims": "Affirmations",
    "Sources": "Sources",
    "Measurands": "Mesurandes",
    "Check report": "Rapport de vérification",
    "Vocabulary": "Vocabulaire",
    "Downloads": "Téléchargements",
    "SPARQL": "SPARQL",
    "Saved queries": "Requêtes enregistrées",
    "Query in your browser": "Interroger dans le navigateur",
    "Verification": "Vérification",
    "Finding codes": "Codes des constats",
    # the colon after a label ("Note: …"): French puts a space before it, as every message here does
    ":": " :",
    ";": " ;",
    # footer
    "Data licence: {licence}": "Licence des données : {licence}",
    "registry version {version}": "version du registre {version}",
    "built {date}": "construit le {date}",
    "Built {date}": "Construit le {date}",
    "date of the {what}": "date de {what}",
    "SOURCE_DATE_EPOCH": "SOURCE_DATE_EPOCH",
    "last commit": "la dernière révision",
    # words shared by every page
    "Claim": "Affirmation",
    "Source": "Source",
    "Measurand": "Mesurande",
    "Statement": "Énoncé",
    "Value": "Valeur",
    "Values": "Valeurs",
    "Status": "Statut",
    "Slide": "Diapositive",
    "slide {number}": "diapositive {number}",
    "Key": "Clé",
    "Reference": "Référence",
    "Cited by": "Citée par",
    "Quantity kind": "Type de grandeur",
    "System": "Système",
    "Normalised": "Normalisée",
    "Cited source": "Source citée",
    "Primary source": "Source primaire",
    "What it says": "Ce qu'il en est",
    "What the checks found": "Ce que les vérifications ont trouvé",
    "How it was verified": "Comment elle a été vérifiée",
    "Note": "Note",
    "none": "aucun",
    "none given": "non indiqué",
    "none named": "aucune nommée",
    "none recorded": "aucune enregistrée",
    "not stated": "non précisé",
    "unknown": "inconnu",
    "untagged": "sans langue",
    "of": "de",
    "in": "dans",
    "defined in": "défini dans",
    "yes": "oui",
    "no": "non",
    "all": "tous",
    "no status": "sans statut",
    "(no language tag)": "(sans étiquette de langue)",
    "No {what} recorded.": "Aucun(e) {what} enregistré(e).",
    "statement": "énoncé",
    "question": "question",
    "text": "texte",
    "status note": "note de statut",
    "name": "nom",
    "This page's triples, at stable addresses beside it": "Les triplets de cette page, à des adresses stables à côté d'elle",
    "The same triples are in this page as JSON-LD (a script element of type application/ld+json); the whole graph is on the downloads page.": "Les mêmes triplets sont dans cette page en JSON-LD (un élément script de type application/ld+json) ; le graphe entier est sur la page des téléchargements.",
    # severities
    "error": "erreur",
    "warning": "avertissement",
    "info": "information",
    "Severity": "Gravité",
    "Code": "Code",
    "About": "Sujet",
    "Message": "Message",
    "Where": "Où",
    "File": "Fichier",
    # claim page
    "Value as stated": "Valeur telle qu'énoncée",
    "relative tolerance {tolerance}": "tolérance relative {tolerance}",
    "As the statement prints it": "Telle que l'énoncé l'écrit",
    "What the figure counts": "Ce que le chiffre compte",
    "Normalised value": "Valeur normalisée",
    "not normalised (shown as stated)": "non normalisée (montrée telle qu'énoncée)",
    "Unit": "Unité",
    "no unit (a pure number)": "sans unité (un nombre pur)",
    "Derived by": "Calculée par",
    "This claim states no value.": "Cette affirmation n'énonce aucune valeur.",
    "This claim states no value (it is not a quantitative claim).": "Cette affirmation n'énonce aucune valeur (ce n'est pas une affirmation quantitative).",
    "Who says what": "Qui dit quoi",
    "Figure": "Chiffre",
    "Given by": "Donné par",
    "no value": "aucune valeur",
    "recomputed from the operands": "recalculé à partir des opérandes",
    "as printed": "tel qu'imprimé",
    "{locator}, read in the quote": "{locator}, lu dans la citation",
    "read in the quote": "lu dans la citation",
    "in the primary source": "dans la source primaire",
    "in the cited source": "dans la source citée",
    "recomputed": "recalculé",
    "contests it (another work)": "le conteste (autre travail)",
    "qualifies it (another work)": "le nuance (autre travail)",
    "supports it (another work)": "le soutient (autre travail)",
    "contests": "conteste",
    "qualifies": "nuance",
    "Only the claim's own figure is recorded: no quote carries a value of its own, no recomputation or other work disagrees.": "Seul le chiffre de l'affirmation est enregistré : aucune citation ne porte de valeur propre, aucun recalcul ni "
    "autre travail ne le contredit.",
    "Citation": "Citation",
    "In-text citation as printed": "Citation dans le texte, telle qu'imprimée",
    "Role of the cited source": "Rôle de la source citée",
    "primary": "primaire",
    "secondary": "secondaire",
    "the cited source": "la source citée",
    "Quotes": "Extraits",
    "Quote in the primary source": "Extrait de la source primaire",
    "Quote in the cited source": "Extrait de la source citée",
    "No words recorded.": "Aucun mot enregistré.",
    "Locator": "Emplacement",
    "value in the quote": "valeur dans l'extrait",
    "In the source": "Dans la source",
    "No quote from the source is recorded for this claim.": "Aucun extrait de la source n'est enregistré pour cette affirmation.",
    "The checks do not bear this status out:": "Les vérifications ne confirment pas ce statut :",
    "see what the checks found, below": "voir ce qu'elles ont trouvé, plus bas",
    "No finding about this claim.": "Aucun constat sur cette affirmation.",
    "Where the argument uses it": "Où l'argumentaire l'utilise",
    "supports": "soutient",
    "challenges": "conteste",
    "context": "contexte",
    "No argument step uses this claim.": "Aucune étape de l'argumentaire n'utilise cette affirmation.",
    "No argument step uses this claim directly.": "Aucune étape de l'argumentaire n'utilise directement cette affirmation.",
    "Claims computed from it": "Affirmations calculées à partir d'elle",
    "Other claims on the same measurand": "Autres affirmations sur le même mesurande",
    "no citation": "sans citation",
    "No other claim on {measurand}.": "Aucune autre affirmation sur {measurand}.",
    "This claim names no measurand.": "Cette affirmation ne nomme aucun mesurande.",
    "Identifiers and data": "Identifiants et données",
    # source page
    "Not identified with certainty": "Non identifiée avec certitude",
    "The work this citation points to could not be identified with certainty.": "L'œuvre que désigne cette citation n'a pas pu être identifiée avec certitude.",
    "Identifiers": "Identifiants",
    "BibTeX key": "Clé BibTeX",
    "Entry type": "Type d'entrée",
    "Text": "Texte",
    "Record": "Notice",
    "Defined in": "Défini dans",
    "not in a file of the registry": "dans aucun fichier du registre",
    "Claims citing it": "Affirmations qui la citent",
    "No claim cites this source.": "Aucune affirmation ne cite cette source.",
    "Primary source for": "Source primaire de",
    "No claim names this source as its primary source.": "Aucune affirmation ne nomme cette source comme source primaire.",
    "No finding about this source.": "Aucun constat sur cette source.",
    "How to cite it": "Comment la citer",
    "{origin} ({media_type}, {count} page)": "{origin} ({media_type}, {count} page)",
    "{origin} ({media_type}, {count} pages)": "{origin} ({media_type}, {count} pages)",
    "named, but not available where this site was built": "nommé, mais indisponible là où ce site a été construit",
    "none: quotes from it were not looked for in its text": "aucun : ses extraits n'y ont pas été recherchés",
    "{identifier} resolved by {via}: “{title}” ({year})": "{identifier} résolu par {via} : « {title} » ({year})",
    "{identifier} does not resolve ({via})": "{identifier} ne se résout pas ({via})",
    "not fetched (see `claimgraph sources fetch`)": "non récupérée (voir `claimgraph sources fetch`)",
    "its registry": "son registre",
    "the identifier": "l'identifiant",
    "no year": "sans année",
    # references and the registry's citation
    "Anonymous": "Anonyme",
    "n.d.": "s. d.",
    # the theme's page for an address that does not exist
    "404 - Not found": "404 - Page introuvable",
    "Not in the bibliography.": "Absente de la bibliographie.",
    # measurand pages
    "This chart as an SVG file": "Ce graphique en fichier SVG",
    "its figures as CSV": "ses chiffres en CSV",
    "No numeric value to chart.": "Aucune valeur numérique à représenter.",
    "(logarithmic scale)": "(échelle logarithmique)",
    "No finding about this measurand.": "Aucun constat sur ce mesurande.",
    "What the numbers measure. Each measurand page compares the values its claims give, source by source.": "Ce que mesurent les nombres. La page de chaque mesurande compare les valeurs que donnent ses affirmations, "
    "source par source.",
    "Compared across systems": "Comparaison entre systèmes",
    # lists
    "All {count} claims, in the order of the argument (by slide, where the registry numbers them). The status column says how far each claim was checked against its sources.": "Les {count} affirmations, dans l'ordre de l'argumentaire (par diapositive, quand le registre les numérote). "
    "La colonne du statut dit jusqu'où chaque affirmation a été vérifiée dans ses sources.",
    "All {count} claims, by slide (where the registry numbers them), then by identifier. The status column says how far each claim was checked against its sources.": "Les {count} affirmations, par diapositive (quand le registre les numérote), puis par identifiant. La "
    "colonne du statut dit jusqu'où chaque affirmation a été vérifiée dans ses sources.",
    "All {count} claims, by identifier. The status column says how far each claim was checked against its sources.": "Les {count} affirmations, par identifiant. La colonne du statut dit jusqu'où chaque affirmation a été "
    "vérifiée dans ses sources.",
    "The {count} works the claims cite, by BibTeX key.": "Les {count} œuvres que citent les affirmations, par clé BibTeX.",
    # the argument
    "The argument, step by step": "L'argumentaire, étape par étape",
    "The steps in the argument's order. Each step page shows its question, its text in each language, and the claims it uses.": "Les étapes dans l'ordre de l'argumentaire. La page de chaque étape montre sa question, son texte dans chaque "
    "langue et les affirmations qu'elle utilise.",
    "Step": "Étape",
    "Kind": "Nature",
    "Weakest claim": "Affirmation la plus faible",
    "step": "étape",
    "conclusion": "conclusion",
    "Claims no step uses": "Affirmations qu'aucune étape n'utilise",
    "and {count} more, in the claims index": "et {count} de plus, dans la liste des affirmations",
    "Previous": "Précédente",
    "Next": "Suivante",
    "(start of the argument)": "(début de l'argumentaire)",
    "(end of the argument)": "(fin de l'argumentaire)",
    "Research question": "Question de recherche",
    "Conclusion": "Conclusion",
    "Argument step": "Étape de l'argumentaire",
    "Title": "Titre",
    "Question": "Question",
    "Claims used": "Affirmations utilisées",
    "Role": "Rôle",
    "This step uses no claim.": "Cette étape n'utilise aucune affirmation.",
    "This registry has no argument yet: no research question, step or conclusion is recorded (claims/argument.ttl).": "Ce registre n'a pas encore d'argumentaire : aucune question de recherche, étape ou conclusion n'est "
    "enregistrée (claims/argument.ttl).",
    # the argument map of the home page (claimgraph.site.argument_map)
    "supports the step": "soutient l'étape",
    "challenges the step": "conteste l'étape",
    "sets the context": "pose le contexte",
    "used by the step": "utilisée par l'étape",
    "{kind}{number}: {title}": "{kind}{number} : {title}",
    "(weakest claim: {status})": "(affirmation la plus faible : {status})",
    "{statement} — {status}; {role}": "{statement} — {status} ; {role}",
    "+{count} more claim": "+{count} autre affirmation",
    "+{count} more claims": "+{count} autres affirmations",
    "Verification statuses": "Statuts de vérification",
    "No argument steps yet.": "Pas encore d'étape dans l'argumentaire.",
    "Argument map: question, steps, claims and conclusions": "Carte de l'argumentaire : question, étapes, affirmations et conclusions",
    # home page
    "Verdict": "Verdict",
    "Each conclusion is judged from the claims it rests on (and the operands they are computed from) by one rule: not supported as stated when the checks contradict a number it rests on, partly supported when a claim is unverified, verified against a secondary source only, contested by another work's figure or challenged, supported when every claim is verified.": "Chaque conclusion est jugée d'après les affirmations sur lesquelles elle repose (et les opérandes dont elles "
    "sont calculées) par une seule règle : non étayée telle qu'énoncée quand les vérifications contredisent un "
    "nombre sur lequel elle repose ; partiellement étayée quand une affirmation n'est pas vérifiée, n'est vérifiée "
    "que dans une source secondaire, est contestée par le chiffre d'un autre travail ou mise en cause ; étayée "
    "quand toutes ses affirmations sont vérifiées.",
    "How verdicts are reached": "Comment les verdicts sont rendus",
    "Not supported as stated": "Non étayée telle qu'énoncée",
    "Partly supported": "Partiellement étayée",
    "No evidence recorded": "Aucune preuve enregistrée",
    "Supported": "Étayée",
    "rests on {count} claim": "repose sur {count} affirmation",
    "rests on {count} claims": "repose sur {count} affirmations",
    "{count} of them verified": "dont {count} vérifiées",
    "one|{count} of them verified": "dont {count} vérifiée",
    "Contradicted by the checks": "Contredite par les vérifications",
    "Weak support": "Appui faible",
    "Contested by figures from other works": "Contestée par les chiffres d'autres travaux",
    "Qualified by": "Nuancée par",
    "Challenged by": "Mise en cause par",
    "What the figures say": "Ce que disent les chiffres",
    "Figures in conflict": "Chiffres en conflit",
    "Measurands whose claims disagree beyond their rounding or declared tolerance:": "Mesurandes dont les affirmations divergent au-delà de leur arrondi ou de leur tolérance déclarée :",
    "Values span": "Étendue des valeurs",
    "No two claims on the same measurand disagree beyond their rounding.": "Aucune paire d'affirmations sur un même mesurande ne diverge au-delà de son arrondi.",
    "The most severe findings first, then the closest to the conclusions (a step resting on weak claims is left out: the verdicts above list those claims)": "Les constats les plus graves d'abord, puis les plus proches des conclusions (une étape reposant sur des "
    "affirmations faibles est "
    "omise : les verdicts ci-dessus listent ces affirmations)",
    "The most severe findings first": "Les constats les plus graves d'abord",
    "the check report has all {count}": "le rapport de vérification les contient tous ({count})",
    "The checks found nothing to report.": "Les vérifications n'ont rien trouvé à signaler.",
    "The research question": "La question de recherche",
    "The argument map": "La carte de l'argumentaire",
    "Read from top to bottom: the question, then each step of the argument in its order, then the conclusions. Beside each step (under it on a phone) are the claims it uses, coloured by their verification status; a step's border takes the colour of the weakest claim it rests on. Dashed claims challenge the step; claims outlined rather than filled only set its context. Every box is a link.": "Se lit de haut en bas : la question, puis chaque étape de l'argumentaire dans son ordre, puis les conclusions. "
    "À côté de chaque étape (en dessous sur un téléphone) figurent les affirmations qu'elle utilise, colorées selon "
    "leur statut de vérification ; la bordure d'une étape prend la couleur de l'affirmation la plus faible sur "
    "laquelle elle repose. Les affirmations en pointillés mettent l'étape en cause ; celles qui sont seulement "
    "entourées, et non remplies, n'en posent que le contexte. Chaque case est un lien.",
    "Claims by verification status": "Affirmations par statut de vérification",
    "What it means": "Ce que cela signifie",
    "No cg:status recorded.": "Aucun cg:status enregistré.",
    "All claims": "Toutes les affirmations",
    "{count} source": "{count} source",
    "{count} sources": "{count} sources",
    "{count} check finding": "{count} constat des vérifications",
    "{count} check findings": "{count} constats des vérifications",
    "Conclusions": "Conclusions",
    "How to read this site": "Comment lire ce site",
    "Cite this registry": "Citer ce registre",
    # the check report
    "What claimgraph check finds in this registry: SHACL shapes and citation checks. The findings are grouped by how close they come to the argument's conclusions, the most severe first in each group; each code links to its description, each finding to the claim, step, source or measurand it is about. The filters narrow the list by severity, code or file.": "Ce que claimgraph check trouve dans ce registre : formes SHACL et vérification des citations. Les constats "
    "sont groupés selon leur proximité avec les conclusions de l'argumentaire, les plus graves d'abord dans chaque "
    "groupe ; chaque code renvoie à sa description, chaque constat à l'affirmation, l'étape, la source ou le "
    "mesurande qu'il concerne. Les filtres restreignent la liste par gravité, code ou fichier.",
    "Filter the findings": "Filtrer les constats",
    "Touching the conclusions": "Touchant les conclusions",
    "Findings about a conclusion or a claim it rests on directly.": "Constats sur une conclusion ou une affirmation sur laquelle elle repose directement.",
    "In the rest of the argument": "Dans le reste de l'argumentaire",
    "Findings about the other steps, the claims they use and the claims those are computed from.": "Constats sur les autres étapes, les affirmations qu'elles utilisent et celles dont ces dernières sont calculées.",
    "Sources and bibliography": "Sources et bibliographie",
    "Findings about the works cited: identifiers, citations as printed, entries no claim cites.": "Constats sur les œuvres citées : identifiants, citations telles qu'imprimées, entrées qu'aucune affirmation "
    "ne cite.",
    "Elsewhere in the registry": "Ailleurs dans le registre",
    "Findings about claims or files that no step of the argument reaches (for a registry without an argument, every finding is here).": "Constats sur des affirmations ou des fichiers qu'aucune étape de l'argumentaire n'atteint (pour un registre "
    "sans argumentaire, tous les constats sont ici).",
    "To fix it (for the registry's authors)": "Pour le corriger (à l'intention des auteurs du registre)",
    "None.": "Aucun.",
    "No finding matches these filters.": "Aucun constat ne correspond à ces filtres.",
    "This registry has no argument yet (no research question, step or conclusion), so no finding touches one.": "Ce registre n'a pas encore d'argumentaire (ni question de recherche, ni étape, ni conclusion) : aucun "
    "constat ne peut donc en toucher un.",
    # how verdicts are reached (the check report)
    "A conclusion rests on the claims it uses": "Une conclusion repose sur les affirmations qu'elle utilise",
    "and, for a derived claim, on the claims it is computed from. The home page's verdict on a conclusion is:": "et, pour une affirmation calculée, sur celles dont elle est calculée. Le verdict que la page d'accueil "
    "rend sur une conclusion est :",
    "when a claim it rests on is contradicted by the checks: a derivation that does not recompute (CG350), a source stating another figure (CG321, CG370), a value absent from its quote (CG320) or from its own statement (CG322), or a status of “discrepancy” or “not found in the cited source”;": "quand une affirmation sur laquelle elle repose est contredite par les vérifications : un calcul qui ne "
    "se retrouve pas (CG350), une source qui indique un autre chiffre (CG321, CG370), une valeur absente de sa "
    "citation (CG320) ou de son propre énoncé (CG322), ou un statut « divergence » ou « absente de la source citée » ;",
    "when none is contradicted but one is unverified, verified against a secondary source only, without a status or without a named primary source (CG310), contested by a claim of another work": "quand aucune n'est contredite mais que l'une n'est pas vérifiée, n'est vérifiée que dans une source "
    "secondaire, n'a pas de statut ou pas de source primaire nommée (CG310), ou est contestée par une "
    "affirmation d'un autre travail",
    "or when a claim challenges the conclusion": "ou quand une affirmation met la conclusion en cause",
    "when every claim it rests on is verified and nothing challenges it;": "quand toutes les affirmations sur lesquelles elle repose sont vérifiées et que rien ne la met en cause ;",
    "when it rests on no claim.": "quand elle ne repose sur aucune affirmation.",
    "The numbers shown come from the findings' recorded values and the claims' own values. Findings on the home page are ordered by their distance to a conclusion along the argument's links.": "Les nombres montrés viennent des valeurs enregistrées par les constats et des valeurs propres des "
    "affirmations. Sur la page d'accueil, les constats sont rangés selon leur distance à une conclusion le long "
    "des liens de l'argumentaire.",
    # downloads
    "The whole registry (claims and sources), and the claims as a table.": "Le registre entier (affirmations et sources), et les affirmations sous forme de tableau.",
    "Format": "Format",
    "Size": "Taille",
    "{size} bytes": "{size} octets",
    "Turtle": "Turtle",
    "TriG (claims and sources in named graphs)": "TriG (affirmations et sources dans des graphes nommés)",
    "JSON-LD": "JSON-LD",
    "N-Triples": "N-Triples",
    "Claims as CSV (one row per claim)": "Affirmations en CSV (une ligne par affirmation)",
    "In TriG, claims and argument steps are in the graph": "En TriG, les affirmations et les étapes de l'argumentaire sont dans le graphe",
    "sources in": "les sources dans",
    "Each claim page also shows that claim's own triples in Turtle and JSON-LD.": "La page de chaque affirmation montre aussi ses propres triplets en Turtle et en JSON-LD.",
    "Licence of the data": "Licence des données",
    # SPARQL
    "The questions researchers ask of this registry, as saved SPARQL queries. Each has its own page with the query and its answer, computed when the site was built.": "Les questions que les chercheurs posent à ce registre, sous forme de requêtes SPARQL enregistrées. Chacune a "
    "sa page avec la requête et sa réponse, calculée à la construction du site.",
    "To change one or write your own, use the query page: it runs SPARQL in your browser on this site's data, with nothing to install.": "Pour en modifier une ou écrire la vôtre, utilisez la page de requête : elle exécute SPARQL dans votre "
    "navigateur sur les données de ce site, sans rien installer.",
    "yes or no": "oui ou non",
    "could not be run": "n'a pas pu être exécutée",
    "{count} row": "{count} ligne",
    "{count} rows": "{count} lignes",
    "{count} triple": "{count} triplet",
    "{count} triples": "{count} triplets",
    "This registry has no saved queries (queries/*.rq).": "Ce registre n'a pas de requête enregistrée (queries/*.rq).",
    "Saved as": "Enregistrée sous",
    "run it with": "exécutez-la avec",
    "or change it and run it in your browser": "ou modifiez-la et exécutez-la dans votre navigateur",
    "Result": "Résultat",
    "The query could not be run when the site was built": "La requête n'a pas pu être exécutée à la construction du site",
    "The answer is": "La réponse est",
    "No triples.": "Aucun triplet.",
    "No rows.": "Aucune ligne.",
    "A graph of {count} triple": "Un graphe de {count} triplet",
    "A graph of {count} triples": "Un graphe de {count} triplets",
    "the first {count} shown": "les {count} premiers montrés",
    "all of them in": "tous dans",
    "rows|all of them in": "toutes dans",
    "all of it in": "en entier dans",
    "Write a SPARQL query, or start from one of the saved queries, and run it here, on this site's data.": "Écrivez une requête SPARQL, ou partez d'une des requêtes enregistrées, et exécutez-la ici, sur les données "
    "de ce site.",
    "The query runs in your browser: nothing to install, and nothing is sent anywhere.": "La requête s'exécute dans votre navigateur : rien à installer, et rien n'est envoyé nulle part.",
    "The standard prefixes (cg:, status:, qudt:, unit:, dcterms:…) need no declaration, and relative IRIs such as <claim/some-claim> resolve against": "Les préfixes usuels (cg:, status:, qudt:, unit:, dcterms:…) n'ont pas à être déclarés, et les IRI relatives "
    "comme <claim/some-claim> se résolvent par rapport à",
    "Loading the query engine (Oxigraph compiled to WebAssembly)… This page needs JavaScript, and a web server: opened as a file, it cannot load the engine (serve the site, for instance with python -m http.server -d SITE-FOLDER).": "Chargement du moteur de requêtes (Oxigraph compilé en WebAssembly)… Cette page a besoin de JavaScript et "
    "d'un serveur web : ouverte comme fichier, elle ne peut pas charger le moteur (servez le site, par exemple avec "
    "python -m http.server -d DOSSIER-DU-SITE).",
    "Saved query": "Requête enregistrée",
    "Your own query": "Votre propre requête",
    "SPARQL query": "Requête SPARQL",
    "Run": "Exécuter",
    "Query engine: Oxigraph {version}, from the npm package oxigraph (MIT or Apache-2.0), packaged with this site.": "Moteur de requêtes : Oxigraph {version}, du paquet npm oxigraph (MIT ou Apache-2.0), livré avec ce site.",
    "The in-browser query engine was not packaged with this site": "Le moteur de requêtes du navigateur n'a pas été livré avec ce site",
    # vocabulary
    "Vocabulary and shapes": "Vocabulaire et formes",
    "Generated from": "Produit à partir de",
    "Classes": "Classes",
    "Properties": "Propriétés",
    "Property": "Propriété",
    "Label": "Libellé",
    "Definition": "Définition",
    "Relations": "Relations",
    "Concept schemes": "Schémas de concepts",
    "Concept": "Concept",
    "Notation": "Notation",
    "Shapes": "Formes",
    "Targets": "Cibles",
    "(by reference)": "(par référence)",
    "Path": "Chemin",
    "Constraints": "Contraintes",
    # how to read the site
    "the argument step by step, with previous and next links; each step lists the claims it uses, with their value and status.": "l'argumentaire étape par étape, avec des liens vers la précédente et la suivante ; chaque étape liste les "
    "affirmations qu'elle utilise, avec leur valeur et leur statut.",
    "Every number in the tables links to its claim page: the statement in each language, the value and its unit, the citation as printed, the source it cites with the exact quote and where to find it, the primary source behind a secondary one, the verification status and what the checks found.": "Chaque nombre des tableaux mène à la page de son affirmation : l'énoncé dans chaque langue, la valeur et son "
    "unité, la citation telle qu'imprimée, la source citée avec l'extrait exact et où le trouver, la source primaire "
    "derrière une source secondaire, le statut de vérification et ce que les vérifications ont trouvé.",
    "Every claim links to its source page, with identifiers (DOI, arXiv, URL) and every claim citing it.": "Chaque affirmation mène à la page de sa source, avec ses identifiants (DOI, arXiv, URL) et toutes les "
    "affirmations qui la citent.",
    "the values different sources give for the same quantity, compared.": "les valeurs que différentes sources donnent pour une même grandeur, comparées.",
    "every finding, by severity.": "tous les constats, par gravité.",
    "the whole graph (Turtle, TriG, JSON-LD, N-Triples) and the claims as CSV.": "le graphe entier (Turtle, TriG, JSON-LD, N-Triples) et les affirmations en CSV.",
    "every term documented.": "chaque terme documenté.",
    "Search (top right) finds claims by any word of their statement.": "La recherche (en haut à droite) trouve les affirmations par n'importe quel mot de leur énoncé.",
    "{count} claim": "{count} affirmation",
    "{count} claims": "{count} affirmations",
    "{count} quantitative": "dont {count} quantitatives",
    "on": "sur",
    "{count} measurand": "{count} mesurande",
    "{count} measurands": "{count} mesurandes",
    "from": "tirées de",
    "{count} cited source": "{count} source citée",
    "{count} cited sources": "{count} sources citées",
    "and {count} cited key not in the bibliography": "et {count} clé citée absente de la bibliographie",
    "and {count} cited keys not in the bibliography": "et {count} clés citées absentes de la bibliographie",
    ", {count} cited key not in the bibliography": ", {count} clé citée absente de la bibliographie",
    ", {count} cited keys not in the bibliography": ", {count} clés citées absentes de la bibliographie",
    "The table also lists {count} cited key the bibliography lacks.": "Le tableau liste aussi {count} clé citée que la bibliographie n'a pas.",
    "The table also lists {count} cited keys the bibliography lacks.": "Le tableau liste aussi {count} clés citées que la bibliographie n'a pas.",
    "the checks report": "les vérifications signalent",
    "{count} finding": "{count} constat",
    "{count} findings": "{count} constats",
    # the query page's script (its words are given by the page)
    "The query engine could not be loaded: {error}": "Le moteur de requêtes n'a pas pu être chargé : {error}",
    "Ready: {count} triples loaded. Pick a saved query or write your own, then Run.": "Prêt : {count} triplets chargés. Choisissez une requête enregistrée ou écrivez la vôtre, puis Exécuter.",
    "{form}: only queries are run here (SELECT, ASK, CONSTRUCT, DESCRIBE); the data of this site is read-only": "{form} : seules des requêtes sont exécutées ici (SELECT, ASK, CONSTRUCT, DESCRIBE) ; les données de ce site "
    "sont en lecture seule",
    "The answer is yes ({ms} ms).": "La réponse est oui ({ms} ms).",
    "The answer is no ({ms} ms).": "La réponse est non ({ms} ms).",
    "{count} in {ms} ms.": "{count} en {ms} ms.",
    "{count} in {ms} ms, the first {shown} shown.": "{count} en {ms} ms, les {shown} premières montrées.",
    "Link to this query": "Lien vers cette requête",
    "Download the {count} row as CSV": "Télécharger la ligne en CSV",
    "Download the {count} rows as CSV": "Télécharger les {count} lignes en CSV",
    "Download the {count} triple as CSV": "Télécharger le triplet en CSV",
    "Download the {count} triples as CSV": "Télécharger les {count} triplets en CSV",
    "{shown} of {total} findings shown": "{shown} constats montrés sur {total}",
    # the defects a verdict box lists (site/verdict.py builds them as phrases)
    "contests {claim}{figure}": "conteste {claim}{figure}",
    "qualifies {claim}{figure}": "nuance {claim}{figure}",
    "challenges it": "la met en cause",
    "marked {status} after verification": "marquée « {status} » après vérification",
    "no verification status": "aucun statut de vérification",
    "no primary source named": "aucune source primaire nommée",
    "the formula": "la formule",
    "{first} and {second}": "{first} et {second}",
    "claims {claimed}; {formula} of {operands} gives {recomputed}": "affirme {claimed} ; {formula} de {operands} donne {recomputed}",
    "claims {claimed}; {formula} of {operands} gives {recomputed} (between {low} and {high})": "affirme {claimed} ; {formula} de {operands} donne {recomputed} (entre {low} et {high})",
    "claims {claimed}; its primary source states {stated}": "affirme {claimed} ; sa source primaire indique {stated}",
    "claims {claimed}; the source it cites states {stated}": "affirme {claimed} ; la source qu'elle cite indique {stated}",
    "claims {claimed}; no number in its own statement matches": "affirme {claimed} ; aucun nombre de son propre énoncé ne correspond",
    "claims {claimed}; no number in its quote matches": "affirme {claimed} ; aucun nombre de sa citation ne correspond",
    "claims {claimed}; its quote gives {read}": "affirme {claimed} ; sa citation donne {read}",
    "no number in its own statement matches the claim's value": "aucun nombre de son propre énoncé ne correspond à la valeur de l'affirmation",
    "no number in its quote matches the claim's value": "aucun nombre de sa citation ne correspond à la valeur de l'affirmation",
    "its derivation": "sa dérivation",
    "its derivation ({formula})": "sa dérivation ({formula})",
    "{derivation} gives another dimension than its unit": "{derivation} donne une autre dimension que son unité",
    "{derivation} cannot be computed": "{derivation} ne peut être calculée",
    "claims {claimed}; {derivation} gives another dimension than its unit": "affirme {claimed} ; {derivation} donne une autre dimension que son unité",
    "claims {claimed}; {derivation} cannot be computed": "affirme {claimed} ; {derivation} ne peut être calculée",
    # what a quote check found (site/model.py)
    "Not looked for: the quote names no single source.": "Non recherchée : la citation ne désigne pas une source unique.",
    "Not looked for: no text of {key} is available here (see `claimgraph sources fetch`).": "Non recherchée : aucun texte de {key} n'est disponible ici (voir `claimgraph sources fetch`).",
    "Found in the source{where} ({origin}).": "Trouvée dans la source{where} ({origin}).",
    "Found in the source{where}, approximately (score {score}/100; {origin}).": "Trouvée dans la source{where}, approximativement (score {score}/100 ; {origin}).",
    "Found in the source{where}, not on the page the locator names (printed pages read from {basis}; {origin}).": "Trouvée dans la source{where}, mais pas à la page qu'indique le localisateur (pages imprimées lues "
    "depuis {basis} ; {origin}).",
    "Not found in the source's text ({origin}); the closest passage{where} scores {score}/100.": "Introuvable dans le texte de la source ({origin}) ; le passage le plus proche{where} obtient {score}/100.",
    # notes of the who-says-what rows and titles of the charts
    "between {low} and {high}": "entre {low} et {high}",
    "the claim this one bears on": "l'affirmation sur laquelle celle-ci porte",
    "{name}: values across sources": "{name} : valeurs selon les sources",
    "{kind}: compared across systems": "{kind} : comparaison entre systèmes",
    "Same quantity": "Même grandeur",
    "{kind}: across systems": "{kind} : entre systèmes",
    "Other": "Autre",
    "slide {slide}{citing}{scope}": "diapositive {slide}{citing}{scope}",
    ", citing {who}": ", citant {who}",
}

CATALOGUES: dict[str, dict[str, str]] = {"fr": FRENCH}


def catalogue(language: str) -> dict[str, str]:
    """The messages of ``language`` (a BCP 47 tag: ``fr-BE`` uses ``fr``); empty for English and unknown ones."""
    tag = (language or "en").lower()
    return CATALOGUES.get(tag) or CATALOGUES.get(tag.split("-")[0]) or {}


class Phrase(str):
    """Words the code composes for a page (a verdict's defect: "claims ×3; compounding of 5 % and 10 gives
    ×1.63", a chart's title, what a quote check found), kept as a catalogue message and its values until a
    page renders them in its language (the ``t`` filter). As a string it is the English text, so code that
    only reads it (tests, CSV) needs nothing else. A value is a number or name (as it is), a nested phrase,
    or texts by language (a label)."""

    message: str
    values: tuple[tuple[str, object], ...]

    def __new__(cls, message: str, values: tuple[tuple[str, object], ...] = ()) -> Phrase:
        phrase = super().__new__(cls, _render(message, values, {}, ("en",)))
        phrase.message, phrase.values = message, values
        return phrase

    @classmethod
    def of(cls, message: str, **values: object) -> Phrase:
        return cls(message, tuple(values.items()))

    def render(self, messages: dict[str, str], languages: tuple[str, ...] = ("en",)) -> str:
        return _render(self.message, self.values, messages, languages)


def _render(
    message: str, values: tuple[tuple[str, object], ...], messages: dict[str, str], languages: tuple[str, ...]
) -> str:
    def value(v: object) -> object:
        if isinstance(v, Phrase):
            return v.render(messages, languages)
        if isinstance(v, dict):
            return next((v[lang] for lang in (*languages, "en") if v.get(lang)), next(iter(v.values()), ""))
        return v

    return translate(messages, message, **{k: value(v) for k, v in values})


#: ``{name}`` fields (and ``{{``, ``}}`` for braces): nothing more of str.format's language, whose
#: ``{value.attribute[key]}`` would let a registry's template walk from a value to the machine's
#: environment through ``t``, out of the sandbox's sight.
_FIELD = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def translate(messages: dict[str, str], text: str, **values) -> str:
    """``text`` in the catalogue's language, its ``{name}`` fields filled from ``values``; any other brace is
    printed as it stands."""
    translated = messages.get(text) or text
    if not values:
        return translated

    def field(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        return str(values[name]) if name in values else token

    return _FIELD.sub(field, translated)


#: languages whose singular covers 0 as well as 1 (CLDR's plural rule "i = 0,1": "0 affirmation", "1,5 heure")
_ONE_FOR_ZERO = ("fr", "pt")


def plural_is_one(language: str, count: float) -> bool:
    """Whether ``count`` takes a message's singular form in ``language`` (its CLDR plural category is "one"):
    1 in English, German…; 0 and 1 (and any number below 2) in French and Portuguese."""
    if (language or "en").lower().split("-")[0] in _ONE_FOR_ZERO:
        return 0 <= count < 2
    return count == 1


def counted(messages: dict[str, str], language: str, one: str, other: str, count: float, **values) -> str:
    """The message for ``count`` things, its form chosen by the rule of the catalogue's language: ``one``
    ("{count} source") or ``other`` ("{count} sources"), the English msgids of the two forms, each with its
    own entry in the catalogue. Where English has one form for both ("{count} of them verified") and the
    language two ("dont 1 vérifiée", "dont 2 vérifiées"), the catalogue gives the form in context (see
    :func:`in_context`): ``one|{count} of them verified``."""
    is_one = plural_is_one(language, count)
    msgid = one if is_one else other
    return translate(in_context(messages, "one" if is_one else "other", msgid), msgid, count=count, **values)


def in_context(messages: dict[str, str], context: str, text: str) -> dict[str, str]:
    """The catalogue, with ``text`` as the language says it in ``context`` when it says it otherwise there (a
    ``context|text`` entry, gettext's msgctxt: "all of them in" is "tous dans" of triples, "toutes dans" of
    rows)."""
    said = messages.get(f"{context}|{text}")
    return {**messages, text: said} if said is not None else messages


def english_count(count: int, thing: str, things: str | None = None) -> str:
    """ "1 claim", "2 claims": a count in English words, for the command line's messages."""
    return f"{count} {thing if count == 1 else (things or thing + 's')}"


def language_name(tag: str, interface: str) -> str:
    """How a passage in ``tag`` is labelled: its language's own name (an endonym, whatever the
    interface's language), for every BCP 47 tag CLDR knows (``de`` Deutsch, ``fi`` Suomi, ``pt-BR``
    Português (Brasil)); the tag itself for one it does not (``tlh``, ``x-private``)."""
    if not tag:
        return translate(catalogue(interface), "(no language tag)")
    return _endonym(tag)


@lru_cache(maxsize=256)
def _endonym(tag: str) -> str:
    # CLDR's data for a language takes ~50 ms to load (babel's dates and numbers modules with it), on every
    # build of a site in any language: the names found are kept in the user's cache folder, by babel's
    # version (its data comes with it), and read from there by the next build
    import babel

    saved = _saved_endonyms(babel.__version__)
    name = saved.get(tag)
    if name is None:
        name = saved[tag] = _cldr_endonym(tag)
        from ..file_io import save_in_cache

        save_in_cache(_endonyms_file(babel.__version__), json.dumps(saved, ensure_ascii=False, sort_keys=True))
    return name


def _endonyms_file(babel_version: str) -> str:
    return f"endonyms-babel-{re.sub(r'[^A-Za-z0-9.+-]', '_', babel_version)}.json"


def _saved_endonyms(babel_version: str) -> dict[str, str]:
    """The endonyms a build kept with this version of babel ({} when none, or the file is not what it wrote)."""
    from ..file_io import cache_dir

    try:
        saved = json.loads((cache_dir() / _endonyms_file(babel_version)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(saved, dict) or not all(type(k) is str and type(v) is str for k, v in saved.items()):
        return {}
    return saved


def _cldr_endonym(tag: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError, TypeError):
        return tag
    # CLDR fills in a language for `und` (undetermined) and the like: a name for a language the
    # tag does not name would be a wrong label
    if locale.language != tag.split("-")[0].lower():
        return tag
    name = locale.get_display_name() or tag
    # CLDR writes "français" as it is written mid-sentence; a label begins one
    return name[:1].upper() + name[1:]
