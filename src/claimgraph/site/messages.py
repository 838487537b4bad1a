"""The words of the site's interface (headings, table headers, labels, buttons, navigation), by language.

The site speaks the registry's first language (``languages`` in ``claimgraph.toml``). A message is
looked up by its English text, as gettext does with a msgid; ``{name}`` fields are filled after
translation. English, French, German and Spanish are complete; a registry in any other language gets
an English interface, marked English (:func:`interface_language`), beside its data in its own
languages, and ``build`` says so. Status and formula names are the SKOS labels of the vocabulary
(``ontology/schemes.ttl``, English and French), in the interface's language whatever the registry's
other languages (they are interface words); the German and Spanish catalogues name them where it
has no label in their language (:func:`in_interface_language`).

A test keeps the catalogues complete: every message a shipped template asks for has a French entry
(``tests/test_site_language.py``), and the German and Spanish catalogues have every French key
(``tests/test_site_languages_de_es.py``); so do the navigation and footer words of :mod:`.build`.
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
    # the header of the column naming each row of a "What it says" table, read by screen readers only
    "Field": "Rubrique",
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
    # where a text is missing: one sentence for each kind of text, its words agreeing with its noun
    "No statement recorded.": "Aucun énoncé enregistré.",
    "No question recorded.": "Aucune question enregistrée.",
    "No text recorded.": "Aucun texte enregistré.",
    "No status note recorded.": "Aucune note de statut enregistrée.",
    "No name recorded.": "Aucun nom enregistré.",
    # (a kind a registry's own template names: its name is the data's, of a gender the sentence cannot know)
    "No {what} recorded.": "Rien n'est enregistré ({what}).",
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
    "vol. {volume}": "vol. {volume}",
    "no. {issue}": "n° {issue}",
    "p. {pages}": "p. {pages}",
    "pp. {pages}": "p. {pages}",
    # two authors in a source's short name ("Poore & Nemecek (2018)"): English writes "&", as APA does
    "{first} & {second}": "{first} et {second}",
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
    "not supported as stated": "non étayée telle qu'énoncée",
    "partly supported": "partiellement étayée",
    "no evidence recorded": "aucune preuve enregistrée",
    "supported": "étayée",
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
    "when a claim it rests on is contradicted by the checks: a derivation that does not recompute (CG350), cannot be computed (CG351) or gives another dimension (CG352), a source stating another figure (CG321, CG370), a value absent from its quote (CG320) or from its own statement (CG322), a unit that does not measure its measurand's kind (CG330), a range whose ends are swapped (CG332), or a status of “discrepancy” or “not found in the cited source”;": "quand une affirmation sur laquelle elle repose est contredite par les vérifications : un calcul qui ne "
    "se retrouve pas (CG350), ne peut être fait (CG351) ou donne une autre dimension (CG352), une source qui "
    "indique un autre chiffre (CG321, CG370), une valeur absente de sa citation (CG320) ou de son propre énoncé "
    "(CG322), une unité qui ne mesure pas le type de grandeur de son mesurande (CG330), un intervalle aux bornes "
    "inversées (CG332), ou un statut « divergence » ou « absente de la source citée » ;",
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
    "{error} (the query engine failed and was started again: the next query runs on a fresh copy of the data)": "{error} (le moteur de requêtes a échoué et a été relancé : la requête suivante s'exécute sur une copie neuve des données)",
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
    # a number the text can be read two ways, as `check` gives both ("1.37 × 10¹³ (or 13700000000)")
    "{first} (or {second})": "{first} (ou {second})",
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
    "claims {claimed}, a unit that does not measure {kind}": "affirme {claimed}, une unité qui ne mesure pas {kind}",
    "claims {claimed}, a unit that does not measure its measurand's kind": "affirme {claimed}, une unité qui ne mesure pas le type de grandeur de son mesurande",
    "its unit does not measure its measurand's kind": "son unité ne mesure pas le type de grandeur de son mesurande",
    "claims {low} to {high}: its lower bound is above its upper": "affirme {low} à {high} : sa borne inférieure dépasse sa borne supérieure",
    "its range's lower bound is above its upper": "la borne inférieure de son intervalle dépasse sa borne supérieure",
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

GERMAN: dict[str, str] = {
    # navigation
    "Home": "Startseite",
    "Argument": "Argumentation",
    "Claims": "Aussagen",
    "Sources": "Quellen",
    "Measurands": "Messgrößen",
    "Check report": "Prüfbericht",
    "Vocabulary": "Vokabular",
    "Downloads": "Downloads",
    "SPARQL": "SPARQL",
    "Saved queries": "Gespeicherte Abfragen",
    "Query in your browser": "Abfrage im Browser",
    "Verification": "Überprüfung",
    "Finding codes": "Befundcodes",
    ":": ":",
    ";": ";",
    # footer
    "Data licence: {licence}": "Datenlizenz: {licence}",
    "registry version {version}": "Registerversion {version}",
    "built {date}": "erstellt am {date}",
    "Built {date}": "Erstellt am {date}",
    "date of the {what}": "Datum der {what}",
    "SOURCE_DATE_EPOCH": "SOURCE_DATE_EPOCH",
    "last commit": "letzten Revision",
    # words shared by every page
    "Claim": "Aussage",
    "Source": "Quelle",
    "Measurand": "Messgröße",
    "Statement": "Wortlaut",
    "Value": "Wert",
    "Values": "Werte",
    "Status": "Status",
    "Slide": "Folie",
    "slide {number}": "Folie {number}",
    "Key": "Schlüssel",
    "Reference": "Literaturangabe",
    "Cited by": "Zitiert von",
    "Quantity kind": "Größenart",
    "System": "System",
    "Normalised": "Normiert",
    "Cited source": "Zitierte Quelle",
    "Primary source": "Primärquelle",
    "What it says": "Was sie besagt",
    # the header of the column naming each row of a "What it says" table, read by screen readers only
    "Field": "Angabe",
    "What the checks found": "Was die Prüfungen ergaben",
    "How it was verified": "Wie sie überprüft wurde",
    "Note": "Anmerkung",
    "none": "keine",
    "none given": "nicht angegeben",
    "none named": "keine genannt",
    "none recorded": "keine erfasst",
    "not stated": "nicht angegeben",
    "unknown": "unbekannt",
    "untagged": "ohne Sprachangabe",
    "of": "von",
    "in": "in",
    "defined in": "definiert in",
    "yes": "ja",
    "no": "nein",
    "all": "alle",
    "no status": "kein Status",
    "(no language tag)": "(ohne Sprachangabe)",
    "No statement recorded.": "Kein Wortlaut erfasst.",
    "No question recorded.": "Keine Frage erfasst.",
    "No text recorded.": "Kein Text erfasst.",
    "No status note recorded.": "Keine Statusanmerkung erfasst.",
    "No name recorded.": "Kein Name erfasst.",
    "No {what} recorded.": "Nichts erfasst ({what}).",
    "This page's triples, at stable addresses beside it": "Die Tripel dieser Seite, unter festen Adressen neben ihr",
    "The same triples are in this page as JSON-LD (a script element of type application/ld+json); the whole graph is on the downloads page.": "Dieselben Tripel stehen in dieser Seite als JSON-LD (ein script-Element vom Typ application/ld+json); "
    "der ganze Graph steht auf der Download-Seite.",
    # severities
    "error": "Fehler",
    "warning": "Warnung",
    "info": "Hinweis",
    "Severity": "Schwere",
    "Code": "Code",
    "About": "Betrifft",
    "Message": "Meldung",
    "Where": "Wo",
    "File": "Datei",
    # claim page
    "Value as stated": "Wert wie angegeben",
    "relative tolerance {tolerance}": "relative Toleranz {tolerance}",
    "As the statement prints it": "Wie der Wortlaut ihn schreibt",
    "What the figure counts": "Was die Zahl zählt",
    "Normalised value": "Normierter Wert",
    "not normalised (shown as stated)": "nicht normiert (wie angegeben gezeigt)",
    "Unit": "Einheit",
    "no unit (a pure number)": "keine Einheit (eine reine Zahl)",
    "Derived by": "Berechnet durch",
    "This claim states no value.": "Diese Aussage nennt keinen Wert.",
    "This claim states no value (it is not a quantitative claim).": "Diese Aussage nennt keinen Wert (sie ist keine quantitative Aussage).",
    "Who says what": "Wer sagt was",
    "Figure": "Zahl",
    "Given by": "Angegeben von",
    "no value": "kein Wert",
    "recomputed from the operands": "aus den Operanden nachgerechnet",
    "as printed": "wie gedruckt",
    "{locator}, read in the quote": "{locator}, im Zitat gelesen",
    "read in the quote": "im Zitat gelesen",
    "in the primary source": "in der Primärquelle",
    "in the cited source": "in der zitierten Quelle",
    "recomputed": "nachgerechnet",
    "contests it (another work)": "bestreitet sie (anderes Werk)",
    "qualifies it (another work)": "relativiert sie (anderes Werk)",
    "supports it (another work)": "stützt sie (anderes Werk)",
    "contests": "bestreitet",
    "qualifies": "relativiert",
    "Only the claim's own figure is recorded: no quote carries a value of its own, no recomputation or other work disagrees.": "Nur die eigene Zahl der Aussage ist erfasst: Kein Zitat trägt einen eigenen Wert, keine Nachrechnung und "
    "kein anderes Werk widerspricht.",
    "Citation": "Quellenangabe",
    "In-text citation as printed": "Quellenangabe im Text, wie gedruckt",
    "Role of the cited source": "Rolle der zitierten Quelle",
    "primary": "primär",
    "secondary": "sekundär",
    "the cited source": "die zitierte Quelle",
    "Quotes": "Zitate",
    "Quote in the primary source": "Zitat aus der Primärquelle",
    "Quote in the cited source": "Zitat aus der zitierten Quelle",
    "No words recorded.": "Kein Wortlaut erfasst.",
    "Locator": "Fundstelle",
    "value in the quote": "Wert im Zitat",
    "In the source": "In der Quelle",
    "No quote from the source is recorded for this claim.": "Für diese Aussage ist kein Zitat aus der Quelle erfasst.",
    "The checks do not bear this status out:": "Die Prüfungen bestätigen diesen Status nicht:",
    "see what the checks found, below": "siehe die Ergebnisse der Prüfungen, unten",
    "No finding about this claim.": "Kein Befund zu dieser Aussage.",
    "Where the argument uses it": "Wo die Argumentation sie verwendet",
    "supports": "stützt",
    "challenges": "stellt infrage",
    "context": "Kontext",
    "No argument step uses this claim.": "Kein Schritt der Argumentation verwendet diese Aussage.",
    "No argument step uses this claim directly.": "Kein Schritt der Argumentation verwendet diese Aussage direkt.",
    "Claims computed from it": "Daraus berechnete Aussagen",
    "Other claims on the same measurand": "Weitere Aussagen zur selben Messgröße",
    "no citation": "keine Quellenangabe",
    "No other claim on {measurand}.": "Keine weitere Aussage zu {measurand}.",
    "This claim names no measurand.": "Diese Aussage nennt keine Messgröße.",
    "Identifiers and data": "Kennungen und Daten",
    # source page
    "Not identified with certainty": "Nicht sicher identifiziert",
    "The work this citation points to could not be identified with certainty.": "Das Werk, auf das diese Quellenangabe verweist, konnte nicht sicher identifiziert werden.",
    "Identifiers": "Kennungen",
    "BibTeX key": "BibTeX-Schlüssel",
    "Entry type": "Eintragstyp",
    "Text": "Text",
    "Record": "Datensatz",
    "Defined in": "Definiert in",
    "not in a file of the registry": "in keiner Datei des Registers",
    "Claims citing it": "Aussagen, die sie zitieren",
    "No claim cites this source.": "Keine Aussage zitiert diese Quelle.",
    "Primary source for": "Primärquelle für",
    "No claim names this source as its primary source.": "Keine Aussage nennt diese Quelle als Primärquelle.",
    "No finding about this source.": "Kein Befund zu dieser Quelle.",
    "How to cite it": "So wird sie zitiert",
    "{origin} ({media_type}, {count} page)": "{origin} ({media_type}, {count} Seite)",
    "{origin} ({media_type}, {count} pages)": "{origin} ({media_type}, {count} Seiten)",
    "named, but not available where this site was built": "genannt, aber dort, wo diese Website erstellt wurde, nicht verfügbar",
    "none: quotes from it were not looked for in its text": "keiner: Zitate daraus wurden nicht in ihrem Text gesucht",
    "{identifier} resolved by {via}: “{title}” ({year})": "{identifier} aufgelöst über {via}: „{title}“ ({year})",
    "{identifier} does not resolve ({via})": "{identifier} lässt sich nicht auflösen ({via})",
    "not fetched (see `claimgraph sources fetch`)": "nicht abgerufen (siehe `claimgraph sources fetch`)",
    "its registry": "ihr Register",
    "the identifier": "die Kennung",
    "no year": "ohne Jahr",
    # references and the registry's citation
    "Anonymous": "Anonym",
    "n.d.": "o. J.",
    "vol. {volume}": "Bd. {volume}",
    "no. {issue}": "Nr. {issue}",
    "p. {pages}": "S. {pages}",
    "pp. {pages}": "S. {pages}",
    "{first} & {second}": "{first} und {second}",
    # the theme's page for an address that does not exist
    "404 - Not found": "404 - Seite nicht gefunden",
    "Not in the bibliography.": "Nicht im Literaturverzeichnis.",
    # measurand pages
    "This chart as an SVG file": "Dieses Diagramm als SVG-Datei",
    "its figures as CSV": "seine Zahlen als CSV",
    "No numeric value to chart.": "Kein Zahlenwert für ein Diagramm.",
    "(logarithmic scale)": "(logarithmische Skala)",
    "No finding about this measurand.": "Kein Befund zu dieser Messgröße.",
    "What the numbers measure. Each measurand page compares the values its claims give, source by source.": "Was die Zahlen messen. Die Seite jeder Messgröße vergleicht die Werte ihrer Aussagen, Quelle für Quelle.",
    "Compared across systems": "Vergleich zwischen Systemen",
    # lists
    "All {count} claims, in the order of the argument (by slide, where the registry numbers them). The status column says how far each claim was checked against its sources.": "Alle {count} Aussagen, in der Reihenfolge der Argumentation (nach Folie, wo das Register sie nummeriert). "
    "Die Statusspalte sagt, wie weit jede Aussage an ihren Quellen geprüft wurde.",
    "All {count} claims, by slide (where the registry numbers them), then by identifier. The status column says how far each claim was checked against its sources.": "Alle {count} Aussagen, nach Folie (wo das Register sie nummeriert), dann nach Kennung. Die Statusspalte "
    "sagt, wie weit jede Aussage an ihren Quellen geprüft wurde.",
    "All {count} claims, by identifier. The status column says how far each claim was checked against its sources.": "Alle {count} Aussagen, nach Kennung. Die Statusspalte sagt, wie weit jede Aussage an ihren Quellen "
    "geprüft wurde.",
    "The {count} works the claims cite, by BibTeX key.": "Die {count} Werke, die die Aussagen zitieren, nach BibTeX-Schlüssel.",
    # the argument
    "The argument, step by step": "Die Argumentation, Schritt für Schritt",
    "The steps in the argument's order. Each step page shows its question, its text in each language, and the claims it uses.": "Die Schritte in der Reihenfolge der Argumentation. Die Seite jedes Schritts zeigt seine Frage, seinen Text "
    "in jeder Sprache und die Aussagen, die er verwendet.",
    "Step": "Schritt",
    "Kind": "Art",
    "Weakest claim": "Schwächste Aussage",
    "step": "Schritt",
    "conclusion": "Schlussfolgerung",
    "Claims no step uses": "Aussagen, die kein Schritt verwendet",
    "and {count} more, in the claims index": "und {count} weitere, in der Liste der Aussagen",
    "Previous": "Zurück",
    "Next": "Weiter",
    "(start of the argument)": "(Anfang der Argumentation)",
    "(end of the argument)": "(Ende der Argumentation)",
    "Research question": "Forschungsfrage",
    "Conclusion": "Schlussfolgerung",
    "Argument step": "Schritt der Argumentation",
    "Title": "Titel",
    "Question": "Frage",
    "Claims used": "Verwendete Aussagen",
    "Role": "Rolle",
    "This step uses no claim.": "Dieser Schritt verwendet keine Aussage.",
    "This registry has no argument yet: no research question, step or conclusion is recorded (claims/argument.ttl).": "Dieses Register hat noch keine Argumentation: Weder Forschungsfrage noch Schritt noch Schlussfolgerung "
    "ist erfasst (claims/argument.ttl).",
    # the argument map of the home page (claimgraph.site.argument_map)
    "supports the step": "stützt den Schritt",
    "challenges the step": "stellt den Schritt infrage",
    "sets the context": "setzt den Kontext",
    "used by the step": "vom Schritt verwendet",
    "{kind}{number}: {title}": "{kind}{number}: {title}",
    "(weakest claim: {status})": "(schwächste Aussage: {status})",
    "{statement} — {status}; {role}": "{statement} — {status}; {role}",
    "+{count} more claim": "+{count} weitere Aussage",
    "+{count} more claims": "+{count} weitere Aussagen",
    "Verification statuses": "Prüfstatus",
    "No argument steps yet.": "Noch keine Schritte der Argumentation.",
    "Argument map: question, steps, claims and conclusions": "Karte der Argumentation: Frage, Schritte, Aussagen und Schlussfolgerungen",
    # home page
    "Verdict": "Urteil",
    "Each conclusion is judged from the claims it rests on (and the operands they are computed from) by one rule: not supported as stated when the checks contradict a number it rests on, partly supported when a claim is unverified, verified against a secondary source only, contested by another work's figure or challenged, supported when every claim is verified.": "Jede Schlussfolgerung wird nach den Aussagen beurteilt, auf denen sie beruht (und den Operanden, aus denen "
    "diese berechnet sind), nach einer einzigen Regel: nicht gestützt wie formuliert, wenn die Prüfungen einer "
    "Zahl widersprechen, auf der sie beruht; teilweise gestützt, wenn eine Aussage ungeprüft ist, nur an einer "
    "Sekundärquelle geprüft, von der Zahl eines anderen Werks bestritten oder infrage gestellt wird; gestützt, "
    "wenn jede Aussage geprüft ist.",
    "How verdicts are reached": "Wie die Urteile zustande kommen",
    "Not supported as stated": "Nicht gestützt wie formuliert",
    "Partly supported": "Teilweise gestützt",
    "No evidence recorded": "Keine Belege erfasst",
    "Supported": "Gestützt",
    "not supported as stated": "nicht gestützt wie formuliert",
    "partly supported": "teilweise gestützt",
    "no evidence recorded": "keine Belege erfasst",
    "supported": "gestützt",
    "rests on {count} claim": "beruht auf {count} Aussage",
    "rests on {count} claims": "beruht auf {count} Aussagen",
    "{count} of them verified": "davon {count} geprüft",
    "one|{count} of them verified": "davon {count} geprüft",
    "Contradicted by the checks": "Von den Prüfungen widerlegt",
    "Weak support": "Schwache Stütze",
    "Contested by figures from other works": "Von Zahlen anderer Werke bestritten",
    "Qualified by": "Relativiert durch",
    "Challenged by": "Infrage gestellt durch",
    "What the figures say": "Was die Zahlen sagen",
    "Figures in conflict": "Widersprüchliche Zahlen",
    "Measurands whose claims disagree beyond their rounding or declared tolerance:": "Messgrößen, deren Aussagen über ihre Rundung oder angegebene Toleranz hinaus voneinander abweichen:",
    "Values span": "Spanne der Werte",
    "No two claims on the same measurand disagree beyond their rounding.": "Keine zwei Aussagen zur selben Messgröße weichen über ihre Rundung hinaus voneinander ab.",
    "The most severe findings first, then the closest to the conclusions (a step resting on weak claims is left out: the verdicts above list those claims)": "Die schwersten Befunde zuerst, dann die den Schlussfolgerungen nächsten (ein Schritt, der auf schwachen "
    "Aussagen beruht, fehlt hier: die Urteile oben nennen diese Aussagen)",
    "The most severe findings first": "Die schwersten Befunde zuerst",
    "the check report has all {count}": "der Prüfbericht enthält alle {count}",
    "The checks found nothing to report.": "Die Prüfungen haben nichts zu melden.",
    "The research question": "Die Forschungsfrage",
    "The argument map": "Die Karte der Argumentation",
    "Read from top to bottom: the question, then each step of the argument in its order, then the conclusions. Beside each step (under it on a phone) are the claims it uses, coloured by their verification status; a step's border takes the colour of the weakest claim it rests on. Dashed claims challenge the step; claims outlined rather than filled only set its context. Every box is a link.": "Von oben nach unten zu lesen: die Frage, dann jeder Schritt der Argumentation in seiner Reihenfolge, dann "
    "die Schlussfolgerungen. Neben jedem Schritt (auf einem Telefon darunter) stehen die Aussagen, die er "
    "verwendet, gefärbt nach ihrem Prüfstatus; der Rahmen eines Schritts nimmt die Farbe der schwächsten Aussage "
    "an, auf der er beruht. Gestrichelte Aussagen stellen den Schritt infrage; nur umrandete, nicht gefüllte "
    "setzen lediglich seinen Kontext. Jedes Feld ist ein Link.",
    "Claims by verification status": "Aussagen nach Prüfstatus",
    "What it means": "Was er bedeutet",
    "No cg:status recorded.": "Kein cg:status erfasst.",
    "All claims": "Alle Aussagen",
    "{count} source": "{count} Quelle",
    "{count} sources": "{count} Quellen",
    "{count} check finding": "{count} Prüfbefund",
    "{count} check findings": "{count} Prüfbefunde",
    "Conclusions": "Schlussfolgerungen",
    "How to read this site": "So liest man diese Website",
    "Cite this registry": "Dieses Register zitieren",
    # the check report
    "What claimgraph check finds in this registry: SHACL shapes and citation checks. The findings are grouped by how close they come to the argument's conclusions, the most severe first in each group; each code links to its description, each finding to the claim, step, source or measurand it is about. The filters narrow the list by severity, code or file.": "Was claimgraph check in diesem Register findet: SHACL-Formen und Prüfungen der Quellenangaben. Die "
    "Befunde sind danach gruppiert, wie nah sie den Schlussfolgerungen der Argumentation kommen, die schwersten "
    "zuerst in jeder Gruppe; jeder Code verweist auf seine Beschreibung, jeder Befund auf die Aussage, den "
    "Schritt, die Quelle oder die Messgröße, die er betrifft. Die Filter grenzen die Liste nach Schwere, Code "
    "oder Datei ein.",
    "Filter the findings": "Befunde filtern",
    "Touching the conclusions": "Die Schlussfolgerungen betreffend",
    "Findings about a conclusion or a claim it rests on directly.": "Befunde zu einer Schlussfolgerung oder einer Aussage, auf der sie unmittelbar beruht.",
    "In the rest of the argument": "Im Rest der Argumentation",
    "Findings about the other steps, the claims they use and the claims those are computed from.": "Befunde zu den übrigen Schritten, den Aussagen, die sie verwenden, und den Aussagen, aus denen diese "
    "berechnet sind.",
    "Sources and bibliography": "Quellen und Literaturverzeichnis",
    "Findings about the works cited: identifiers, citations as printed, entries no claim cites.": "Befunde zu den zitierten Werken: Kennungen, Quellenangaben wie gedruckt, Einträge, die keine Aussage "
    "zitiert.",
    "Elsewhere in the registry": "Anderswo im Register",
    "Findings about claims or files that no step of the argument reaches (for a registry without an argument, every finding is here).": "Befunde zu Aussagen oder Dateien, die kein Schritt der Argumentation erreicht (bei einem Register ohne "
    "Argumentation stehen alle Befunde hier).",
    "To fix it (for the registry's authors)": "Zur Behebung (für die Autoren des Registers)",
    "None.": "Keine.",
    "No finding matches these filters.": "Kein Befund entspricht diesen Filtern.",
    "This registry has no argument yet (no research question, step or conclusion), so no finding touches one.": "Dieses Register hat noch keine Argumentation (weder Forschungsfrage noch Schritt noch Schlussfolgerung), "
    "daher betrifft kein Befund eine.",
    # how verdicts are reached (the check report)
    "A conclusion rests on the claims it uses": "Eine Schlussfolgerung beruht auf den Aussagen, die sie verwendet",
    "and, for a derived claim, on the claims it is computed from. The home page's verdict on a conclusion is:": "und, bei einer berechneten Aussage, auf den Aussagen, aus denen diese berechnet ist. Das Urteil der "
    "Startseite über eine Schlussfolgerung lautet:",
    "when a claim it rests on is contradicted by the checks: a derivation that does not recompute (CG350), cannot be computed (CG351) or gives another dimension (CG352), a source stating another figure (CG321, CG370), a value absent from its quote (CG320) or from its own statement (CG322), a unit that does not measure its measurand's kind (CG330), a range whose ends are swapped (CG332), or a status of “discrepancy” or “not found in the cited source”;": "wenn die Prüfungen einer Aussage widersprechen, auf der sie beruht: eine Berechnung, die sich nicht "
    "nachrechnen lässt (CG350), nicht ausführen lässt (CG351) oder eine andere Dimension ergibt (CG352), eine "
    "Quelle, die eine andere Zahl nennt (CG321, CG370), ein Wert, der in seinem Zitat (CG320) oder in seinem "
    "eigenen Wortlaut (CG322) fehlt, eine Einheit, die die Größenart ihrer Messgröße nicht misst (CG330), ein "
    "Bereich mit vertauschten Grenzen (CG332), oder ein Status „Abweichung“ oder „nicht in "
    "der zitierten Quelle gefunden“;",
    "when none is contradicted but one is unverified, verified against a secondary source only, without a status or without a named primary source (CG310), contested by a claim of another work": "wenn keiner widersprochen wird, aber eine ungeprüft ist, nur an einer Sekundärquelle geprüft, ohne Status "
    "oder ohne genannte Primärquelle (CG310), oder von einer Aussage eines anderen Werks bestritten",
    "or when a claim challenges the conclusion": "oder wenn eine Aussage die Schlussfolgerung infrage stellt",
    "when every claim it rests on is verified and nothing challenges it;": "wenn jede Aussage, auf der sie beruht, geprüft ist und nichts sie infrage stellt;",
    "when it rests on no claim.": "wenn sie auf keiner Aussage beruht.",
    "The numbers shown come from the findings' recorded values and the claims' own values. Findings on the home page are ordered by their distance to a conclusion along the argument's links.": "Die gezeigten Zahlen stammen aus den erfassten Werten der Befunde und den eigenen Werten der Aussagen. "
    "Auf der Startseite sind die Befunde nach ihrem Abstand zu einer Schlussfolgerung entlang der Verknüpfungen "
    "der Argumentation geordnet.",
    # downloads
    "The whole registry (claims and sources), and the claims as a table.": "Das ganze Register (Aussagen und Quellen) und die Aussagen als Tabelle.",
    "Format": "Format",
    "Size": "Größe",
    "{size} bytes": "{size} Bytes",
    "Turtle": "Turtle",
    "TriG (claims and sources in named graphs)": "TriG (Aussagen und Quellen in benannten Graphen)",
    "JSON-LD": "JSON-LD",
    "N-Triples": "N-Triples",
    "Claims as CSV (one row per claim)": "Aussagen als CSV (eine Zeile pro Aussage)",
    "In TriG, claims and argument steps are in the graph": "In TriG stehen Aussagen und Schritte der Argumentation im Graphen",
    "sources in": "Quellen in",
    "Each claim page also shows that claim's own triples in Turtle and JSON-LD.": "Die Seite jeder Aussage zeigt auch deren eigene Tripel in Turtle und JSON-LD.",
    "Licence of the data": "Lizenz der Daten",
    # SPARQL
    "The questions researchers ask of this registry, as saved SPARQL queries. Each has its own page with the query and its answer, computed when the site was built.": "Die Fragen, die Forschende an dieses Register stellen, als gespeicherte SPARQL-Abfragen. Jede hat ihre "
    "eigene Seite mit der Abfrage und ihrer Antwort, berechnet beim Erstellen der Website.",
    "To change one or write your own, use the query page: it runs SPARQL in your browser on this site's data, with nothing to install.": "Um eine zu ändern oder eine eigene zu schreiben, nutzen Sie die Abfrageseite: Sie führt SPARQL in Ihrem "
    "Browser auf den Daten dieser Website aus, ohne Installation.",
    "yes or no": "ja oder nein",
    "could not be run": "konnte nicht ausgeführt werden",
    "{count} row": "{count} Zeile",
    "{count} rows": "{count} Zeilen",
    "{count} triple": "{count} Tripel",
    "{count} triples": "{count} Tripel",
    "This registry has no saved queries (queries/*.rq).": "Dieses Register hat keine gespeicherten Abfragen (queries/*.rq).",
    "Saved as": "Gespeichert als",
    "run it with": "ausführen mit",
    "or change it and run it in your browser": "oder ändern und im Browser ausführen",
    "Result": "Ergebnis",
    "The query could not be run when the site was built": "Die Abfrage konnte beim Erstellen der Website nicht ausgeführt werden",
    "The answer is": "Die Antwort lautet",
    "No triples.": "Keine Tripel.",
    "No rows.": "Keine Zeilen.",
    "A graph of {count} triple": "Ein Graph aus {count} Tripel",
    "A graph of {count} triples": "Ein Graph aus {count} Tripeln",
    "the first {count} shown": "die ersten {count} gezeigt",
    "all of them in": "alle in",
    "rows|all of them in": "alle in",
    "all of it in": "vollständig in",
    "Write a SPARQL query, or start from one of the saved queries, and run it here, on this site's data.": "Schreiben Sie eine SPARQL-Abfrage oder beginnen Sie mit einer der gespeicherten, und führen Sie sie hier "
    "auf den Daten dieser Website aus.",
    "The query runs in your browser: nothing to install, and nothing is sent anywhere.": "Die Abfrage läuft in Ihrem Browser: nichts zu installieren, und nichts wird irgendwohin gesendet.",
    "The standard prefixes (cg:, status:, qudt:, unit:, dcterms:…) need no declaration, and relative IRIs such as <claim/some-claim> resolve against": "Die üblichen Präfixe (cg:, status:, qudt:, unit:, dcterms:…) müssen nicht deklariert werden, und relative "
    "IRIs wie <claim/some-claim> werden aufgelöst gegen",
    "Loading the query engine (Oxigraph compiled to WebAssembly)… This page needs JavaScript, and a web server: opened as a file, it cannot load the engine (serve the site, for instance with python -m http.server -d SITE-FOLDER).": "Die Abfrage-Engine wird geladen (Oxigraph, nach WebAssembly kompiliert)… Diese Seite braucht JavaScript und "
    "einen Webserver: Als Datei geöffnet, kann sie die Engine nicht laden (stellen Sie die Website bereit, etwa mit "
    "python -m http.server -d WEBSITE-ORDNER).",
    "Saved query": "Gespeicherte Abfrage",
    "Your own query": "Eigene Abfrage",
    "SPARQL query": "SPARQL-Abfrage",
    "Run": "Ausführen",
    "Query engine: Oxigraph {version}, from the npm package oxigraph (MIT or Apache-2.0), packaged with this site.": "Abfrage-Engine: Oxigraph {version}, aus dem npm-Paket oxigraph (MIT oder Apache-2.0), mit dieser Website "
    "ausgeliefert.",
    "The in-browser query engine was not packaged with this site": "Die Abfrage-Engine für den Browser wurde nicht mit dieser Website ausgeliefert",
    # vocabulary
    "Vocabulary and shapes": "Vokabular und Formen",
    "Generated from": "Erzeugt aus",
    "Classes": "Klassen",
    "Properties": "Eigenschaften",
    "Property": "Eigenschaft",
    "Label": "Bezeichnung",
    "Definition": "Definition",
    "Relations": "Beziehungen",
    "Concept schemes": "Begriffsschemata",
    "Concept": "Begriff",
    "Notation": "Notation",
    "Shapes": "Formen",
    "Targets": "Ziele",
    "(by reference)": "(per Verweis)",
    "Path": "Pfad",
    "Constraints": "Bedingungen",
    # how to read the site
    "the argument step by step, with previous and next links; each step lists the claims it uses, with their value and status.": "die Argumentation Schritt für Schritt, mit Links zum vorigen und nächsten Schritt; jeder Schritt nennt die "
    "Aussagen, die er verwendet, mit ihrem Wert und Status.",
    "Every number in the tables links to its claim page: the statement in each language, the value and its unit, the citation as printed, the source it cites with the exact quote and where to find it, the primary source behind a secondary one, the verification status and what the checks found.": "Jede Zahl in den Tabellen führt zur Seite ihrer Aussage: der Wortlaut in jeder Sprache, der Wert und seine "
    "Einheit, die Quellenangabe wie gedruckt, die zitierte Quelle mit dem genauen Zitat und seiner Fundstelle, die "
    "Primärquelle hinter einer sekundären, der Prüfstatus und was die Prüfungen ergaben.",
    "Every claim links to its source page, with identifiers (DOI, arXiv, URL) and every claim citing it.": "Jede Aussage führt zur Seite ihrer Quelle, mit Kennungen (DOI, arXiv, URL) und allen Aussagen, die sie "
    "zitieren.",
    "the values different sources give for the same quantity, compared.": "die Werte, die verschiedene Quellen für dieselbe Größe angeben, im Vergleich.",
    "every finding, by severity.": "alle Befunde, nach Schwere.",
    "the whole graph (Turtle, TriG, JSON-LD, N-Triples) and the claims as CSV.": "der ganze Graph (Turtle, TriG, JSON-LD, N-Triples) und die Aussagen als CSV.",
    "every term documented.": "jeder Begriff dokumentiert.",
    "Search (top right) finds claims by any word of their statement.": "Die Suche (oben rechts) findet Aussagen über jedes Wort ihres Wortlauts.",
    "{count} claim": "{count} Aussage",
    "{count} claims": "{count} Aussagen",
    "{count} quantitative": "davon {count} quantitativ",
    "on": "zu",
    "{count} measurand": "{count} Messgröße",
    "{count} measurands": "{count} Messgrößen",
    "from": "aus",
    "{count} cited source": "{count} zitierten Quelle",
    "{count} cited sources": "{count} zitierten Quellen",
    "and {count} cited key not in the bibliography": "und {count} zitierter Schlüssel, der nicht im Literaturverzeichnis steht",
    "and {count} cited keys not in the bibliography": "und {count} zitierte Schlüssel, die nicht im Literaturverzeichnis stehen",
    ", {count} cited key not in the bibliography": ", {count} zitierter Schlüssel nicht im Literaturverzeichnis",
    ", {count} cited keys not in the bibliography": ", {count} zitierte Schlüssel nicht im Literaturverzeichnis",
    "The table also lists {count} cited key the bibliography lacks.": "Die Tabelle nennt auch {count} zitierten Schlüssel, der im Literaturverzeichnis fehlt.",
    "The table also lists {count} cited keys the bibliography lacks.": "Die Tabelle nennt auch {count} zitierte Schlüssel, die im Literaturverzeichnis fehlen.",
    "the checks report": "die Prüfungen melden",
    "{count} finding": "{count} Befund",
    "{count} findings": "{count} Befunde",
    # the query page's script (its words are given by the page)
    "The query engine could not be loaded: {error}": "Die Abfrage-Engine konnte nicht geladen werden: {error}",
    "{error} (the query engine failed and was started again: the next query runs on a fresh copy of the data)": "{error} (die Abfrage-Engine ist ausgefallen und wurde neu gestartet: die nächste Abfrage läuft auf einer frischen Kopie der Daten)",
    "Ready: {count} triples loaded. Pick a saved query or write your own, then Run.": "Bereit: {count} Tripel geladen. Wählen Sie eine gespeicherte Abfrage oder schreiben Sie eine eigene, dann "
    "Ausführen.",
    "{form}: only queries are run here (SELECT, ASK, CONSTRUCT, DESCRIBE); the data of this site is read-only": "{form}: Hier werden nur Abfragen ausgeführt (SELECT, ASK, CONSTRUCT, DESCRIBE); die Daten dieser Website "
    "sind schreibgeschützt",
    "The answer is yes ({ms} ms).": "Die Antwort lautet ja ({ms} ms).",
    "The answer is no ({ms} ms).": "Die Antwort lautet nein ({ms} ms).",
    "{count} in {ms} ms.": "{count} in {ms} ms.",
    "{count} in {ms} ms, the first {shown} shown.": "{count} in {ms} ms, die ersten {shown} gezeigt.",
    "Link to this query": "Link zu dieser Abfrage",
    "Download the {count} row as CSV": "Die Zeile als CSV herunterladen",
    "Download the {count} rows as CSV": "Die {count} Zeilen als CSV herunterladen",
    "Download the {count} triple as CSV": "Das Tripel als CSV herunterladen",
    "Download the {count} triples as CSV": "Die {count} Tripel als CSV herunterladen",
    "{shown} of {total} findings shown": "{shown} von {total} Befunden gezeigt",
    # the defects a verdict box lists (site/verdict.py builds them as phrases)
    "contests {claim}{figure}": "bestreitet {claim}{figure}",
    "qualifies {claim}{figure}": "relativiert {claim}{figure}",
    "challenges it": "stellt sie infrage",
    "marked {status} after verification": "nach Prüfung als „{status}“ markiert",
    "no verification status": "kein Prüfstatus",
    "no primary source named": "keine Primärquelle genannt",
    "the formula": "die Formel",
    "{first} and {second}": "{first} und {second}",
    "{first} (or {second})": "{first} (oder {second})",
    "claims {claimed}; {formula} of {operands} gives {recomputed}": "nennt {claimed}; {formula} von {operands} ergibt {recomputed}",
    "claims {claimed}; {formula} of {operands} gives {recomputed} (between {low} and {high})": "nennt {claimed}; {formula} von {operands} ergibt {recomputed} (zwischen {low} und {high})",
    "claims {claimed}; its primary source states {stated}": "nennt {claimed}; ihre Primärquelle gibt {stated} an",
    "claims {claimed}; the source it cites states {stated}": "nennt {claimed}; die zitierte Quelle gibt {stated} an",
    "claims {claimed}; no number in its own statement matches": "nennt {claimed}; keine Zahl ihres eigenen Wortlauts passt",
    "claims {claimed}; no number in its quote matches": "nennt {claimed}; keine Zahl ihres Zitats passt",
    "claims {claimed}; its quote gives {read}": "nennt {claimed}; ihr Zitat gibt {read} an",
    "no number in its own statement matches the claim's value": "keine Zahl ihres eigenen Wortlauts passt zum Wert der Aussage",
    "no number in its quote matches the claim's value": "keine Zahl ihres Zitats passt zum Wert der Aussage",
    "its derivation": "ihre Ableitung",
    "its derivation ({formula})": "ihre Ableitung ({formula})",
    "{derivation} gives another dimension than its unit": "{derivation} ergibt eine andere Dimension als ihre Einheit",
    "{derivation} cannot be computed": "{derivation} lässt sich nicht berechnen",
    "claims {claimed}, a unit that does not measure {kind}": "nennt {claimed}, eine Einheit, die nicht {kind} misst",
    "claims {claimed}, a unit that does not measure its measurand's kind": "nennt {claimed}, eine Einheit, die die Größenart ihrer Messgröße nicht misst",
    "its unit does not measure its measurand's kind": "ihre Einheit misst die Größenart ihrer Messgröße nicht",
    "claims {low} to {high}: its lower bound is above its upper": "nennt {low} bis {high}: die untere Grenze liegt über der oberen",
    "its range's lower bound is above its upper": "die untere Grenze ihres Bereichs liegt über der oberen",
    "claims {claimed}; {derivation} gives another dimension than its unit": "nennt {claimed}; {derivation} ergibt eine andere Dimension als ihre Einheit",
    "claims {claimed}; {derivation} cannot be computed": "nennt {claimed}; {derivation} lässt sich nicht berechnen",
    # what a quote check found (site/model.py)
    "Not looked for: the quote names no single source.": "Nicht gesucht: Das Zitat nennt keine einzelne Quelle.",
    "Not looked for: no text of {key} is available here (see `claimgraph sources fetch`).": "Nicht gesucht: Kein Text von {key} ist hier verfügbar (siehe `claimgraph sources fetch`).",
    "Found in the source{where} ({origin}).": "In der Quelle gefunden{where} ({origin}).",
    "Found in the source{where}, approximately (score {score}/100; {origin}).": "In der Quelle gefunden{where}, ungefähr (Wert {score}/100; {origin}).",
    "Found in the source{where}, not on the page the locator names (printed pages read from {basis}; {origin}).": "In der Quelle gefunden{where}, aber nicht auf der Seite, die die Fundstelle nennt (gedruckte Seiten "
    "gelesen aus {basis}; {origin}).",
    "Not found in the source's text ({origin}); the closest passage{where} scores {score}/100.": "Nicht im Text der Quelle gefunden ({origin}); die nächste Stelle{where} erreicht {score}/100.",
    # notes of the who-says-what rows and titles of the charts
    "between {low} and {high}": "zwischen {low} und {high}",
    "the claim this one bears on": "die Aussage, auf die sich diese bezieht",
    "{name}: values across sources": "{name}: Werte nach Quellen",
    "{kind}: compared across systems": "{kind}: Vergleich zwischen Systemen",
    "Same quantity": "Dieselbe Größe",
    "{kind}: across systems": "{kind}: zwischen Systemen",
    "Other": "Sonstige",
    "slide {slide}{citing}{scope}": "Folie {slide}{citing}{scope}",
    ", citing {who}": ", zitiert {who}",
    # the vocabulary's formulas of derived numbers, where it has no German label (ontology/schemes.ttl)
    "ratio": "Verhältnis",
    "product": "Produkt",
    "compound growth factor": "Faktor des Zinseszinswachstums",
    "halving time to annual reduction factor": "Halbierungszeit als jährlicher Reduktionsfaktor",
    "quotient": "Quotient",
    "sum": "Summe",
    "difference": "Differenz",
    "relative change": "relative Änderung",
    "percentage": "Prozentsatz",
    "compound rate (inverse of compound growth)": "Zinseszinsrate (Umkehrung des Zinseszinswachstums)",
    "doubling time": "Verdopplungszeit",
    "halving time": "Halbierungszeit",
    "conversion": "Umrechnung",
    # the vocabulary's verification statuses, where it has no German label (ontology/schemes.ttl)
    "verified against the primary source": "an der Primärquelle geprüft",
    "verified against a secondary source only": "nur an einer Sekundärquelle geprüft",
    "discrepancy": "Abweichung",
    "not found in the cited source": "nicht in der zitierten Quelle gefunden",
    "unverified": "ungeprüft",
    "The claim agrees, within its rounding, with the source that produced the number.": "Die Aussage stimmt im Rahmen ihrer Rundung mit der Quelle überein, die die Zahl erhoben hat.",
    "A secondary source (the cited one, or another report the note names) says what the claim says, but the work that produced the number or finding was not reached or does not confirm it.": "Eine Sekundärquelle (die zitierte oder ein anderer Bericht, den die Anmerkung nennt) sagt, was die Aussage "
    "sagt, aber das Werk, das die Zahl oder den Befund erhoben hat, wurde nicht erreicht oder bestätigt sie nicht.",
    "The sources say something else: another number, unit, measurand or attribution; the note says what they say.": "Die Quellen sagen etwas anderes: eine andere Zahl, Einheit, Messgröße oder Zuschreibung; die Anmerkung sagt, "
    "was sie sagen.",
    "The cited source was read and does not contain the claim.": "Die zitierte Quelle wurde gelesen und enthält die Aussage nicht.",
    "The claim could not be checked: the source could not be identified or read; the note says what was tried.": "Die Aussage konnte nicht geprüft werden: Die Quelle ließ sich nicht identifizieren oder lesen; die "
    "Anmerkung sagt, was versucht wurde.",
}

SPANISH: dict[str, str] = {
    # navigation
    "Home": "Inicio",
    "Argument": "Argumentación",
    "Claims": "Afirmaciones",
    "Sources": "Fuentes",
    "Measurands": "Mensurandos",
    "Check report": "Informe de verificación",
    "Vocabulary": "Vocabulario",
    "Downloads": "Descargas",
    "SPARQL": "SPARQL",
    "Saved queries": "Consultas guardadas",
    "Query in your browser": "Consultar en el navegador",
    "Verification": "Verificación",
    "Finding codes": "Códigos de los hallazgos",
    ":": ":",
    ";": ";",
    # footer
    "Data licence: {licence}": "Licencia de los datos: {licence}",
    "registry version {version}": "versión del registro {version}",
    "built {date}": "generado el {date}",
    "Built {date}": "Generado el {date}",
    "date of the {what}": "fecha de {what}",
    "SOURCE_DATE_EPOCH": "SOURCE_DATE_EPOCH",
    "last commit": "la última revisión",
    # words shared by every page
    "Claim": "Afirmación",
    "Source": "Fuente",
    "Measurand": "Mensurando",
    "Statement": "Enunciado",
    "Value": "Valor",
    "Values": "Valores",
    "Status": "Estado",
    "Slide": "Diapositiva",
    "slide {number}": "diapositiva {number}",
    "Key": "Clave",
    "Reference": "Referencia",
    "Cited by": "Citada por",
    "Quantity kind": "Tipo de magnitud",
    "System": "Sistema",
    "Normalised": "Normalizado",
    "Cited source": "Fuente citada",
    "Primary source": "Fuente primaria",
    "What it says": "Qué dice",
    # the header of the column naming each row of a "What it says" table, read by screen readers only
    "Field": "Campo",
    "What the checks found": "Qué encontraron las comprobaciones",
    "How it was verified": "Cómo se verificó",
    "Note": "Nota",
    "none": "ninguno",
    "none given": "no indicado",
    "none named": "ninguna nombrada",
    "none recorded": "ninguna registrada",
    "not stated": "no indicado",
    "unknown": "desconocido",
    "untagged": "sin idioma",
    "of": "de",
    "in": "en",
    "defined in": "definido en",
    "yes": "sí",
    "no": "no",
    "all": "todos",
    "no status": "sin estado",
    "(no language tag)": "(sin etiqueta de idioma)",
    "No statement recorded.": "Ningún enunciado registrado.",
    "No question recorded.": "Ninguna pregunta registrada.",
    "No text recorded.": "Ningún texto registrado.",
    "No status note recorded.": "Ninguna nota de estado registrada.",
    "No name recorded.": "Ningún nombre registrado.",
    "No {what} recorded.": "No hay nada registrado ({what}).",
    "This page's triples, at stable addresses beside it": "Las tripletas de esta página, en direcciones estables junto a ella",
    "The same triples are in this page as JSON-LD (a script element of type application/ld+json); the whole graph is on the downloads page.": "Las mismas tripletas están en esta página como JSON-LD (un elemento script de tipo application/ld+json); el "
    "grafo completo está en la página de descargas.",
    # severities
    "error": "error",
    "warning": "advertencia",
    "info": "información",
    "Severity": "Gravedad",
    "Code": "Código",
    "About": "Sobre",
    "Message": "Mensaje",
    "Where": "Dónde",
    "File": "Archivo",
    # claim page
    "Value as stated": "Valor tal como se enuncia",
    "relative tolerance {tolerance}": "tolerancia relativa {tolerance}",
    "As the statement prints it": "Tal como lo escribe el enunciado",
    "What the figure counts": "Qué cuenta la cifra",
    "Normalised value": "Valor normalizado",
    "not normalised (shown as stated)": "no normalizado (mostrado tal como se enuncia)",
    "Unit": "Unidad",
    "no unit (a pure number)": "sin unidad (un número puro)",
    "Derived by": "Calculado por",
    "This claim states no value.": "Esta afirmación no enuncia ningún valor.",
    "This claim states no value (it is not a quantitative claim).": "Esta afirmación no enuncia ningún valor (no es una afirmación cuantitativa).",
    "Who says what": "Quién dice qué",
    "Figure": "Cifra",
    "Given by": "Dada por",
    "no value": "sin valor",
    "recomputed from the operands": "recalculado a partir de los operandos",
    "as printed": "tal como está impreso",
    "{locator}, read in the quote": "{locator}, leído en la cita",
    "read in the quote": "leído en la cita",
    "in the primary source": "en la fuente primaria",
    "in the cited source": "en la fuente citada",
    "recomputed": "recalculado",
    "contests it (another work)": "la refuta (otro trabajo)",
    "qualifies it (another work)": "la matiza (otro trabajo)",
    "supports it (another work)": "la respalda (otro trabajo)",
    "contests": "refuta",
    "qualifies": "matiza",
    "Only the claim's own figure is recorded: no quote carries a value of its own, no recomputation or other work disagrees.": "Solo está registrada la cifra de la afirmación: ninguna cita aporta un valor propio, ningún recálculo ni otro "
    "trabajo la contradice.",
    "Citation": "Cita",
    "In-text citation as printed": "Cita en el texto, tal como está impresa",
    "Role of the cited source": "Papel de la fuente citada",
    "primary": "primaria",
    "secondary": "secundaria",
    "the cited source": "la fuente citada",
    "Quotes": "Extractos",
    "Quote in the primary source": "Extracto de la fuente primaria",
    "Quote in the cited source": "Extracto de la fuente citada",
    "No words recorded.": "Ninguna palabra registrada.",
    "Locator": "Ubicación",
    "value in the quote": "valor en el extracto",
    "In the source": "En la fuente",
    "No quote from the source is recorded for this claim.": "No hay ningún extracto de la fuente registrado para esta afirmación.",
    "The checks do not bear this status out:": "Las comprobaciones no confirman este estado:",
    "see what the checks found, below": "vea lo que encontraron, más abajo",
    "No finding about this claim.": "Ningún hallazgo sobre esta afirmación.",
    "Where the argument uses it": "Dónde la usa la argumentación",
    "supports": "respalda",
    "challenges": "cuestiona",
    "context": "contexto",
    "No argument step uses this claim.": "Ningún paso de la argumentación usa esta afirmación.",
    "No argument step uses this claim directly.": "Ningún paso de la argumentación usa directamente esta afirmación.",
    "Claims computed from it": "Afirmaciones calculadas a partir de ella",
    "Other claims on the same measurand": "Otras afirmaciones sobre el mismo mensurando",
    "no citation": "sin cita",
    "No other claim on {measurand}.": "Ninguna otra afirmación sobre {measurand}.",
    "This claim names no measurand.": "Esta afirmación no nombra ningún mensurando.",
    "Identifiers and data": "Identificadores y datos",
    # source page
    "Not identified with certainty": "No identificada con certeza",
    "The work this citation points to could not be identified with certainty.": "La obra a la que remite esta cita no se pudo identificar con certeza.",
    "Identifiers": "Identificadores",
    "BibTeX key": "Clave BibTeX",
    "Entry type": "Tipo de entrada",
    "Text": "Texto",
    "Record": "Registro",
    "Defined in": "Definido en",
    "not in a file of the registry": "en ningún archivo del registro",
    "Claims citing it": "Afirmaciones que la citan",
    "No claim cites this source.": "Ninguna afirmación cita esta fuente.",
    "Primary source for": "Fuente primaria de",
    "No claim names this source as its primary source.": "Ninguna afirmación nombra esta fuente como fuente primaria.",
    "No finding about this source.": "Ningún hallazgo sobre esta fuente.",
    "How to cite it": "Cómo citarla",
    "{origin} ({media_type}, {count} page)": "{origin} ({media_type}, {count} página)",
    "{origin} ({media_type}, {count} pages)": "{origin} ({media_type}, {count} páginas)",
    "named, but not available where this site was built": "nombrado, pero no disponible donde se generó este sitio",
    "none: quotes from it were not looked for in its text": "ninguno: no se buscaron sus extractos en su texto",
    "{identifier} resolved by {via}: “{title}” ({year})": "{identifier} resuelto por {via}: «{title}» ({year})",
    "{identifier} does not resolve ({via})": "{identifier} no se resuelve ({via})",
    "not fetched (see `claimgraph sources fetch`)": "no descargada (vea `claimgraph sources fetch`)",
    "its registry": "su registro",
    "the identifier": "el identificador",
    "no year": "sin año",
    # references and the registry's citation
    "Anonymous": "Anónimo",
    "n.d.": "s. f.",
    "vol. {volume}": "vol. {volume}",
    "no. {issue}": "n.º {issue}",
    "p. {pages}": "pág. {pages}",
    "pp. {pages}": "págs. {pages}",
    "{first} & {second}": "{first} y {second}",
    # the theme's page for an address that does not exist
    "404 - Not found": "404 - Página no encontrada",
    "Not in the bibliography.": "No está en la bibliografía.",
    # measurand pages
    "This chart as an SVG file": "Este gráfico como archivo SVG",
    "its figures as CSV": "sus cifras en CSV",
    "No numeric value to chart.": "Ningún valor numérico que representar.",
    "(logarithmic scale)": "(escala logarítmica)",
    "No finding about this measurand.": "Ningún hallazgo sobre este mensurando.",
    "What the numbers measure. Each measurand page compares the values its claims give, source by source.": "Lo que miden los números. La página de cada mensurando compara los valores que dan sus afirmaciones, fuente "
    "por fuente.",
    "Compared across systems": "Comparación entre sistemas",
    # lists
    "All {count} claims, in the order of the argument (by slide, where the registry numbers them). The status column says how far each claim was checked against its sources.": "Las {count} afirmaciones, en el orden de la argumentación (por diapositiva, cuando el registro las numera). "
    "La columna de estado indica hasta dónde se comprobó cada afirmación en sus fuentes.",
    "All {count} claims, by slide (where the registry numbers them), then by identifier. The status column says how far each claim was checked against its sources.": "Las {count} afirmaciones, por diapositiva (cuando el registro las numera) y luego por identificador. La "
    "columna de estado indica hasta dónde se comprobó cada afirmación en sus fuentes.",
    "All {count} claims, by identifier. The status column says how far each claim was checked against its sources.": "Las {count} afirmaciones, por identificador. La columna de estado indica hasta dónde se comprobó cada "
    "afirmación en sus fuentes.",
    "The {count} works the claims cite, by BibTeX key.": "Las {count} obras que citan las afirmaciones, por clave BibTeX.",
    # the argument
    "The argument, step by step": "La argumentación, paso a paso",
    "The steps in the argument's order. Each step page shows its question, its text in each language, and the claims it uses.": "Los pasos en el orden de la argumentación. La página de cada paso muestra su pregunta, su texto en cada "
    "idioma y las afirmaciones que usa.",
    "Step": "Paso",
    "Kind": "Tipo",
    "Weakest claim": "Afirmación más débil",
    "step": "paso",
    "conclusion": "conclusión",
    "Claims no step uses": "Afirmaciones que ningún paso usa",
    "and {count} more, in the claims index": "y {count} más, en la lista de afirmaciones",
    "Previous": "Anterior",
    "Next": "Siguiente",
    "(start of the argument)": "(inicio de la argumentación)",
    "(end of the argument)": "(fin de la argumentación)",
    "Research question": "Pregunta de investigación",
    "Conclusion": "Conclusión",
    "Argument step": "Paso de la argumentación",
    "Title": "Título",
    "Question": "Pregunta",
    "Claims used": "Afirmaciones usadas",
    "Role": "Papel",
    "This step uses no claim.": "Este paso no usa ninguna afirmación.",
    "This registry has no argument yet: no research question, step or conclusion is recorded (claims/argument.ttl).": "Este registro aún no tiene argumentación: no hay registrada ninguna pregunta de investigación, paso ni "
    "conclusión (claims/argument.ttl).",
    # the argument map of the home page (claimgraph.site.argument_map)
    "supports the step": "respalda el paso",
    "challenges the step": "cuestiona el paso",
    "sets the context": "establece el contexto",
    "used by the step": "usada por el paso",
    "{kind}{number}: {title}": "{kind}{number}: {title}",
    "(weakest claim: {status})": "(afirmación más débil: {status})",
    "{statement} — {status}; {role}": "{statement} — {status}; {role}",
    "+{count} more claim": "+{count} afirmación más",
    "+{count} more claims": "+{count} afirmaciones más",
    "Verification statuses": "Estados de verificación",
    "No argument steps yet.": "Aún no hay pasos en la argumentación.",
    "Argument map: question, steps, claims and conclusions": "Mapa de la argumentación: pregunta, pasos, afirmaciones y conclusiones",
    # home page
    "Verdict": "Veredicto",
    "Each conclusion is judged from the claims it rests on (and the operands they are computed from) by one rule: not supported as stated when the checks contradict a number it rests on, partly supported when a claim is unverified, verified against a secondary source only, contested by another work's figure or challenged, supported when every claim is verified.": "Cada conclusión se juzga según las afirmaciones en las que se apoya (y los operandos de los que se calculan) "
    "con una sola regla: no respaldada tal como se enuncia cuando las comprobaciones contradicen un número en el que "
    "se apoya; parcialmente respaldada cuando una afirmación no está verificada, solo está verificada en una fuente "
    "secundaria, es refutada por la cifra de otro trabajo o cuestionada; respaldada cuando todas sus afirmaciones "
    "están verificadas.",
    "How verdicts are reached": "Cómo se emiten los veredictos",
    "Not supported as stated": "No respaldada tal como se enuncia",
    "Partly supported": "Parcialmente respaldada",
    "No evidence recorded": "Ninguna prueba registrada",
    "Supported": "Respaldada",
    "not supported as stated": "no respaldada tal como se enuncia",
    "partly supported": "parcialmente respaldada",
    "no evidence recorded": "ninguna prueba registrada",
    "supported": "respaldada",
    "rests on {count} claim": "se apoya en {count} afirmación",
    "rests on {count} claims": "se apoya en {count} afirmaciones",
    "{count} of them verified": "{count} de ellas verificadas",
    "one|{count} of them verified": "{count} de ellas verificada",
    "Contradicted by the checks": "Contradicha por las comprobaciones",
    "Weak support": "Respaldo débil",
    "Contested by figures from other works": "Refutada por cifras de otros trabajos",
    "Qualified by": "Matizada por",
    "Challenged by": "Cuestionada por",
    "What the figures say": "Lo que dicen las cifras",
    "Figures in conflict": "Cifras en conflicto",
    "Measurands whose claims disagree beyond their rounding or declared tolerance:": "Mensurandos cuyas afirmaciones difieren más allá de su redondeo o de su tolerancia declarada:",
    "Values span": "Rango de valores",
    "No two claims on the same measurand disagree beyond their rounding.": "Ningún par de afirmaciones sobre un mismo mensurando difiere más allá de su redondeo.",
    "The most severe findings first, then the closest to the conclusions (a step resting on weak claims is left out: the verdicts above list those claims)": "Los hallazgos más graves primero, luego los más cercanos a las conclusiones (se omite un paso que se apoya "
    "en afirmaciones débiles: los veredictos de arriba enumeran esas afirmaciones)",
    "The most severe findings first": "Los hallazgos más graves primero",
    "the check report has all {count}": "el informe de verificación los contiene todos ({count})",
    "The checks found nothing to report.": "Las comprobaciones no encontraron nada que señalar.",
    "The research question": "La pregunta de investigación",
    "The argument map": "El mapa de la argumentación",
    "Read from top to bottom: the question, then each step of the argument in its order, then the conclusions. Beside each step (under it on a phone) are the claims it uses, coloured by their verification status; a step's border takes the colour of the weakest claim it rests on. Dashed claims challenge the step; claims outlined rather than filled only set its context. Every box is a link.": "Se lee de arriba abajo: la pregunta, luego cada paso de la argumentación en su orden, luego las conclusiones. "
    "Junto a cada paso (debajo en un teléfono) están las afirmaciones que usa, coloreadas según su estado de "
    "verificación; el borde de un paso toma el color de la afirmación más débil en la que se apoya. Las "
    "afirmaciones con trazo discontinuo cuestionan el paso; las solo contorneadas, sin relleno, únicamente "
    "establecen su contexto. Cada recuadro es un enlace.",
    "Claims by verification status": "Afirmaciones por estado de verificación",
    "What it means": "Qué significa",
    "No cg:status recorded.": "Ningún cg:status registrado.",
    "All claims": "Todas las afirmaciones",
    "{count} source": "{count} fuente",
    "{count} sources": "{count} fuentes",
    "{count} check finding": "{count} hallazgo de las comprobaciones",
    "{count} check findings": "{count} hallazgos de las comprobaciones",
    "Conclusions": "Conclusiones",
    "How to read this site": "Cómo leer este sitio",
    "Cite this registry": "Citar este registro",
    # the check report
    "What claimgraph check finds in this registry: SHACL shapes and citation checks. The findings are grouped by how close they come to the argument's conclusions, the most severe first in each group; each code links to its description, each finding to the claim, step, source or measurand it is about. The filters narrow the list by severity, code or file.": "Lo que claimgraph check encuentra en este registro: formas SHACL y comprobaciones de las citas. Los hallazgos "
    "se agrupan según su cercanía a las conclusiones de la argumentación, los más graves primero en cada grupo; "
    "cada código enlaza con su descripción, cada hallazgo con la afirmación, el paso, la fuente o el mensurando al "
    "que se refiere. Los filtros acotan la lista por gravedad, código o archivo.",
    "Filter the findings": "Filtrar los hallazgos",
    "Touching the conclusions": "Que afectan a las conclusiones",
    "Findings about a conclusion or a claim it rests on directly.": "Hallazgos sobre una conclusión o una afirmación en la que se apoya directamente.",
    "In the rest of the argument": "En el resto de la argumentación",
    "Findings about the other steps, the claims they use and the claims those are computed from.": "Hallazgos sobre los demás pasos, las afirmaciones que usan y aquellas de las que estas se calculan.",
    "Sources and bibliography": "Fuentes y bibliografía",
    "Findings about the works cited: identifiers, citations as printed, entries no claim cites.": "Hallazgos sobre las obras citadas: identificadores, citas tal como están impresas, entradas que ninguna "
    "afirmación cita.",
    "Elsewhere in the registry": "En otras partes del registro",
    "Findings about claims or files that no step of the argument reaches (for a registry without an argument, every finding is here).": "Hallazgos sobre afirmaciones o archivos a los que no llega ningún paso de la argumentación (en un registro "
    "sin argumentación, todos los hallazgos están aquí).",
    "To fix it (for the registry's authors)": "Para corregirlo (para los autores del registro)",
    "None.": "Ninguno.",
    "No finding matches these filters.": "Ningún hallazgo coincide con estos filtros.",
    "This registry has no argument yet (no research question, step or conclusion), so no finding touches one.": "Este registro aún no tiene argumentación (ni pregunta de investigación, ni paso, ni conclusión), así que "
    "ningún hallazgo puede afectar a una.",
    # how verdicts are reached (the check report)
    "A conclusion rests on the claims it uses": "Una conclusión se apoya en las afirmaciones que usa",
    "and, for a derived claim, on the claims it is computed from. The home page's verdict on a conclusion is:": "y, para una afirmación calculada, en aquellas de las que se calcula. El veredicto de la página de inicio "
    "sobre una conclusión es:",
    "when a claim it rests on is contradicted by the checks: a derivation that does not recompute (CG350), cannot be computed (CG351) or gives another dimension (CG352), a source stating another figure (CG321, CG370), a value absent from its quote (CG320) or from its own statement (CG322), a unit that does not measure its measurand's kind (CG330), a range whose ends are swapped (CG332), or a status of “discrepancy” or “not found in the cited source”;": "cuando las comprobaciones contradicen una afirmación en la que se apoya: un cálculo que no se reproduce "
    "(CG350), no puede hacerse (CG351) o da otra dimensión (CG352), una fuente que da otra cifra (CG321, CG370), "
    "un valor ausente de su extracto (CG320) o de su propio enunciado (CG322), una unidad que no mide el tipo de "
    "magnitud de su mensurando (CG330), un intervalo con los límites invertidos (CG332), o un estado «discrepancia» o «no encontrada en la fuente citada»;",
    "when none is contradicted but one is unverified, verified against a secondary source only, without a status or without a named primary source (CG310), contested by a claim of another work": "cuando ninguna es contradicha pero una no está verificada, solo está verificada en una fuente secundaria, no "
    "tiene estado o no tiene fuente primaria nombrada (CG310), o es refutada por una afirmación de otro trabajo",
    "or when a claim challenges the conclusion": "o cuando una afirmación cuestiona la conclusión",
    "when every claim it rests on is verified and nothing challenges it;": "cuando todas las afirmaciones en las que se apoya están verificadas y nada la cuestiona;",
    "when it rests on no claim.": "cuando no se apoya en ninguna afirmación.",
    "The numbers shown come from the findings' recorded values and the claims' own values. Findings on the home page are ordered by their distance to a conclusion along the argument's links.": "Los números mostrados proceden de los valores registrados por los hallazgos y de los valores propios de las "
    "afirmaciones. En la página de inicio, los hallazgos se ordenan según su distancia a una conclusión a lo largo "
    "de los enlaces de la argumentación.",
    # downloads
    "The whole registry (claims and sources), and the claims as a table.": "El registro completo (afirmaciones y fuentes) y las afirmaciones en forma de tabla.",
    "Format": "Formato",
    "Size": "Tamaño",
    "{size} bytes": "{size} bytes",
    "Turtle": "Turtle",
    "TriG (claims and sources in named graphs)": "TriG (afirmaciones y fuentes en grafos con nombre)",
    "JSON-LD": "JSON-LD",
    "N-Triples": "N-Triples",
    "Claims as CSV (one row per claim)": "Afirmaciones en CSV (una fila por afirmación)",
    "In TriG, claims and argument steps are in the graph": "En TriG, las afirmaciones y los pasos de la argumentación están en el grafo",
    "sources in": "las fuentes en",
    "Each claim page also shows that claim's own triples in Turtle and JSON-LD.": "La página de cada afirmación muestra también sus propias tripletas en Turtle y JSON-LD.",
    "Licence of the data": "Licencia de los datos",
    # SPARQL
    "The questions researchers ask of this registry, as saved SPARQL queries. Each has its own page with the query and its answer, computed when the site was built.": "Las preguntas que los investigadores hacen a este registro, como consultas SPARQL guardadas. Cada una tiene "
    "su página con la consulta y su respuesta, calculada al generar el sitio.",
    "To change one or write your own, use the query page: it runs SPARQL in your browser on this site's data, with nothing to install.": "Para modificar una o escribir la suya, use la página de consultas: ejecuta SPARQL en su navegador sobre los "
    "datos de este sitio, sin instalar nada.",
    "yes or no": "sí o no",
    "could not be run": "no se pudo ejecutar",
    "{count} row": "{count} fila",
    "{count} rows": "{count} filas",
    "{count} triple": "{count} tripleta",
    "{count} triples": "{count} tripletas",
    "This registry has no saved queries (queries/*.rq).": "Este registro no tiene consultas guardadas (queries/*.rq).",
    "Saved as": "Guardada como",
    "run it with": "ejecútela con",
    "or change it and run it in your browser": "o modifíquela y ejecútela en su navegador",
    "Result": "Resultado",
    "The query could not be run when the site was built": "La consulta no se pudo ejecutar al generar el sitio",
    "The answer is": "La respuesta es",
    "No triples.": "Ninguna tripleta.",
    "No rows.": "Ninguna fila.",
    "A graph of {count} triple": "Un grafo de {count} tripleta",
    "A graph of {count} triples": "Un grafo de {count} tripletas",
    "the first {count} shown": "se muestran las {count} primeras",
    "all of them in": "todas en",
    "rows|all of them in": "todas en",
    "all of it in": "completo en",
    "Write a SPARQL query, or start from one of the saved queries, and run it here, on this site's data.": "Escriba una consulta SPARQL, o parta de una de las consultas guardadas, y ejecútela aquí, sobre los datos de "
    "este sitio.",
    "The query runs in your browser: nothing to install, and nothing is sent anywhere.": "La consulta se ejecuta en su navegador: nada que instalar, y nada se envía a ninguna parte.",
    "The standard prefixes (cg:, status:, qudt:, unit:, dcterms:…) need no declaration, and relative IRIs such as <claim/some-claim> resolve against": "Los prefijos habituales (cg:, status:, qudt:, unit:, dcterms:…) no necesitan declararse, y las IRI relativas "
    "como <claim/some-claim> se resuelven respecto a",
    "Loading the query engine (Oxigraph compiled to WebAssembly)… This page needs JavaScript, and a web server: opened as a file, it cannot load the engine (serve the site, for instance with python -m http.server -d SITE-FOLDER).": "Cargando el motor de consultas (Oxigraph compilado a WebAssembly)… Esta página necesita JavaScript y un "
    "servidor web: abierta como archivo, no puede cargar el motor (sirva el sitio, por ejemplo con "
    "python -m http.server -d CARPETA-DEL-SITIO).",
    "Saved query": "Consulta guardada",
    "Your own query": "Su propia consulta",
    "SPARQL query": "Consulta SPARQL",
    "Run": "Ejecutar",
    "Query engine: Oxigraph {version}, from the npm package oxigraph (MIT or Apache-2.0), packaged with this site.": "Motor de consultas: Oxigraph {version}, del paquete npm oxigraph (MIT o Apache-2.0), incluido con este sitio.",
    "The in-browser query engine was not packaged with this site": "El motor de consultas del navegador no se incluyó con este sitio",
    # vocabulary
    "Vocabulary and shapes": "Vocabulario y formas",
    "Generated from": "Generado a partir de",
    "Classes": "Clases",
    "Properties": "Propiedades",
    "Property": "Propiedad",
    "Label": "Etiqueta",
    "Definition": "Definición",
    "Relations": "Relaciones",
    "Concept schemes": "Esquemas de conceptos",
    "Concept": "Concepto",
    "Notation": "Notación",
    "Shapes": "Formas",
    "Targets": "Objetivos",
    "(by reference)": "(por referencia)",
    "Path": "Ruta",
    "Constraints": "Restricciones",
    # how to read the site
    "the argument step by step, with previous and next links; each step lists the claims it uses, with their value and status.": "la argumentación paso a paso, con enlaces al anterior y al siguiente; cada paso enumera las afirmaciones que "
    "usa, con su valor y su estado.",
    "Every number in the tables links to its claim page: the statement in each language, the value and its unit, the citation as printed, the source it cites with the exact quote and where to find it, the primary source behind a secondary one, the verification status and what the checks found.": "Cada número de las tablas lleva a la página de su afirmación: el enunciado en cada idioma, el valor y su "
    "unidad, la cita tal como está impresa, la fuente citada con el extracto exacto y dónde encontrarlo, la fuente "
    "primaria detrás de una secundaria, el estado de verificación y lo que encontraron las comprobaciones.",
    "Every claim links to its source page, with identifiers (DOI, arXiv, URL) and every claim citing it.": "Cada afirmación lleva a la página de su fuente, con sus identificadores (DOI, arXiv, URL) y todas las "
    "afirmaciones que la citan.",
    "the values different sources give for the same quantity, compared.": "los valores que distintas fuentes dan para una misma magnitud, comparados.",
    "every finding, by severity.": "todos los hallazgos, por gravedad.",
    "the whole graph (Turtle, TriG, JSON-LD, N-Triples) and the claims as CSV.": "el grafo completo (Turtle, TriG, JSON-LD, N-Triples) y las afirmaciones en CSV.",
    "every term documented.": "cada término documentado.",
    "Search (top right) finds claims by any word of their statement.": "La búsqueda (arriba a la derecha) encuentra afirmaciones por cualquier palabra de su enunciado.",
    "{count} claim": "{count} afirmación",
    "{count} claims": "{count} afirmaciones",
    "{count} quantitative": "{count} cuantitativas",
    "on": "sobre",
    "{count} measurand": "{count} mensurando",
    "{count} measurands": "{count} mensurandos",
    "from": "tomadas de",
    "{count} cited source": "{count} fuente citada",
    "{count} cited sources": "{count} fuentes citadas",
    "and {count} cited key not in the bibliography": "y {count} clave citada ausente de la bibliografía",
    "and {count} cited keys not in the bibliography": "y {count} claves citadas ausentes de la bibliografía",
    ", {count} cited key not in the bibliography": ", {count} clave citada ausente de la bibliografía",
    ", {count} cited keys not in the bibliography": ", {count} claves citadas ausentes de la bibliografía",
    "The table also lists {count} cited key the bibliography lacks.": "La tabla enumera también {count} clave citada que falta en la bibliografía.",
    "The table also lists {count} cited keys the bibliography lacks.": "La tabla enumera también {count} claves citadas que faltan en la bibliografía.",
    "the checks report": "las comprobaciones señalan",
    "{count} finding": "{count} hallazgo",
    "{count} findings": "{count} hallazgos",
    # the query page's script (its words are given by the page)
    "The query engine could not be loaded: {error}": "No se pudo cargar el motor de consultas: {error}",
    "{error} (the query engine failed and was started again: the next query runs on a fresh copy of the data)": "{error} (el motor de consultas falló y se reinició: la siguiente consulta se ejecuta sobre una copia nueva de los datos)",
    "Ready: {count} triples loaded. Pick a saved query or write your own, then Run.": "Listo: {count} tripletas cargadas. Elija una consulta guardada o escriba la suya, y luego Ejecutar.",
    "{form}: only queries are run here (SELECT, ASK, CONSTRUCT, DESCRIBE); the data of this site is read-only": "{form}: aquí solo se ejecutan consultas (SELECT, ASK, CONSTRUCT, DESCRIBE); los datos de este sitio son de "
    "solo lectura",
    "The answer is yes ({ms} ms).": "La respuesta es sí ({ms} ms).",
    "The answer is no ({ms} ms).": "La respuesta es no ({ms} ms).",
    "{count} in {ms} ms.": "{count} en {ms} ms.",
    "{count} in {ms} ms, the first {shown} shown.": "{count} en {ms} ms, se muestran las {shown} primeras.",
    "Link to this query": "Enlace a esta consulta",
    "Download the {count} row as CSV": "Descargar la fila en CSV",
    "Download the {count} rows as CSV": "Descargar las {count} filas en CSV",
    "Download the {count} triple as CSV": "Descargar la tripleta en CSV",
    "Download the {count} triples as CSV": "Descargar las {count} tripletas en CSV",
    "{shown} of {total} findings shown": "{shown} de {total} hallazgos mostrados",
    # the defects a verdict box lists (site/verdict.py builds them as phrases)
    "contests {claim}{figure}": "refuta {claim}{figure}",
    "qualifies {claim}{figure}": "matiza {claim}{figure}",
    "challenges it": "la cuestiona",
    "marked {status} after verification": "marcada «{status}» tras la verificación",
    "no verification status": "sin estado de verificación",
    "no primary source named": "ninguna fuente primaria nombrada",
    "the formula": "la fórmula",
    "{first} and {second}": "{first} y {second}",
    "{first} (or {second})": "{first} (o {second})",
    "claims {claimed}; {formula} of {operands} gives {recomputed}": "afirma {claimed}; {formula} de {operands} da {recomputed}",
    "claims {claimed}; {formula} of {operands} gives {recomputed} (between {low} and {high})": "afirma {claimed}; {formula} de {operands} da {recomputed} (entre {low} y {high})",
    "claims {claimed}; its primary source states {stated}": "afirma {claimed}; su fuente primaria indica {stated}",
    "claims {claimed}; the source it cites states {stated}": "afirma {claimed}; la fuente que cita indica {stated}",
    "claims {claimed}; no number in its own statement matches": "afirma {claimed}; ningún número de su propio enunciado coincide",
    "claims {claimed}; no number in its quote matches": "afirma {claimed}; ningún número de su extracto coincide",
    "claims {claimed}; its quote gives {read}": "afirma {claimed}; su extracto da {read}",
    "no number in its own statement matches the claim's value": "ningún número de su propio enunciado coincide con el valor de la afirmación",
    "no number in its quote matches the claim's value": "ningún número de su extracto coincide con el valor de la afirmación",
    "its derivation": "su derivación",
    "its derivation ({formula})": "su derivación ({formula})",
    "{derivation} gives another dimension than its unit": "{derivation} da una dimensión distinta de la de su unidad",
    "{derivation} cannot be computed": "{derivation} no puede calcularse",
    "claims {claimed}, a unit that does not measure {kind}": "afirma {claimed}, una unidad que no mide {kind}",
    "claims {claimed}, a unit that does not measure its measurand's kind": "afirma {claimed}, una unidad que no mide el tipo de magnitud de su mensurando",
    "its unit does not measure its measurand's kind": "su unidad no mide el tipo de magnitud de su mensurando",
    "claims {low} to {high}: its lower bound is above its upper": "afirma {low} a {high}: su límite inferior supera al superior",
    "its range's lower bound is above its upper": "el límite inferior de su intervalo supera al superior",
    "claims {claimed}; {derivation} gives another dimension than its unit": "afirma {claimed}; {derivation} da una dimensión distinta de la de su unidad",
    "claims {claimed}; {derivation} cannot be computed": "afirma {claimed}; {derivation} no puede calcularse",
    # what a quote check found (site/model.py)
    "Not looked for: the quote names no single source.": "No buscado: el extracto no designa una única fuente.",
    "Not looked for: no text of {key} is available here (see `claimgraph sources fetch`).": "No buscado: ningún texto de {key} está disponible aquí (vea `claimgraph sources fetch`).",
    "Found in the source{where} ({origin}).": "Encontrado en la fuente{where} ({origin}).",
    "Found in the source{where}, approximately (score {score}/100; {origin}).": "Encontrado en la fuente{where}, aproximadamente (puntuación {score}/100; {origin}).",
    "Found in the source{where}, not on the page the locator names (printed pages read from {basis}; {origin}).": "Encontrado en la fuente{where}, pero no en la página que indica la ubicación (páginas impresas leídas de "
    "{basis}; {origin}).",
    "Not found in the source's text ({origin}); the closest passage{where} scores {score}/100.": "No encontrado en el texto de la fuente ({origin}); el pasaje más cercano{where} obtiene {score}/100.",
    # notes of the who-says-what rows and titles of the charts
    "between {low} and {high}": "entre {low} y {high}",
    "the claim this one bears on": "la afirmación a la que se refiere esta",
    "{name}: values across sources": "{name}: valores según las fuentes",
    "{kind}: compared across systems": "{kind}: comparación entre sistemas",
    "Same quantity": "Misma magnitud",
    "{kind}: across systems": "{kind}: entre sistemas",
    "Other": "Otro",
    "slide {slide}{citing}{scope}": "diapositiva {slide}{citing}{scope}",
    ", citing {who}": ", citando a {who}",
    # the vocabulary's formulas of derived numbers, where it has no Spanish label (ontology/schemes.ttl)
    "ratio": "razón",
    "product": "producto",
    "compound growth factor": "factor de crecimiento compuesto",
    "halving time to annual reduction factor": "tiempo de reducción a la mitad como factor de reducción anual",
    "quotient": "cociente",
    "sum": "suma",
    "difference": "diferencia",
    "relative change": "variación relativa",
    "percentage": "porcentaje",
    "compound rate (inverse of compound growth)": "tasa compuesta (inversa del crecimiento compuesto)",
    "doubling time": "tiempo de duplicación",
    "halving time": "tiempo de reducción a la mitad",
    "conversion": "conversión",
    # the vocabulary's verification statuses, where it has no Spanish label (ontology/schemes.ttl)
    "verified against the primary source": "verificada en la fuente primaria",
    "verified against a secondary source only": "verificada solo en una fuente secundaria",
    "discrepancy": "discrepancia",
    "not found in the cited source": "no encontrada en la fuente citada",
    "unverified": "no verificada",
    "The claim agrees, within its rounding, with the source that produced the number.": "La afirmación concuerda, salvo redondeo, con la fuente que produjo el número.",
    "A secondary source (the cited one, or another report the note names) says what the claim says, but the work that produced the number or finding was not reached or does not confirm it.": "Una fuente secundaria (la citada, u otro informe que la nota nombra) dice lo que dice la afirmación, pero no "
    "se llegó a la obra que produjo el número o el hallazgo, o esta no lo confirma.",
    "The sources say something else: another number, unit, measurand or attribution; the note says what they say.": "Las fuentes dicen otra cosa: otro número, otra unidad, otro mensurando u otra atribución; la nota dice lo que "
    "dicen.",
    "The cited source was read and does not contain the claim.": "Se leyó la fuente citada y no contiene la afirmación.",
    "The claim could not be checked: the source could not be identified or read; the note says what was tried.": "No se pudo comprobar la afirmación: no se pudo identificar o leer la fuente; la nota dice lo que se intentó.",
}

#: Languages written right to left (ISO 639 codes): their text is marked ``dir="rtl"`` with its ``lang``.
RIGHT_TO_LEFT_LANGUAGES = frozenset(
    {"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ku", "ps", "sd", "syr", "ug", "ur", "yi"}
)

CATALOGUES: dict[str, dict[str, str]] = {"fr": FRENCH, "de": GERMAN, "es": SPANISH}


def catalogue(language: str) -> dict[str, str]:
    """The messages of ``language`` (a BCP 47 tag: ``fr-BE`` uses ``fr``); empty for English and unknown ones."""
    tag = (language or "en").lower()
    return CATALOGUES.get(tag) or CATALOGUES.get(tag.split("-")[0]) or {}


def interface_language(language: str) -> str:
    """The language the site's interface speaks for a registry whose first language is ``language``: that
    language when claimgraph has its words (English, or a catalogue here), else English: a page whose
    words are English is marked English (``lang="en"``), its data passages keeping their own tags."""
    tag = language or "en"
    return tag if tag.lower().split("-")[0] == "en" or catalogue(tag) else "en"


def in_interface_language(texts: dict[str, str], language: str) -> dict[str, str]:
    """A term of claimgraph's vocabulary (a status's or a formula's SKOS label, a definition) in the interface's
    ``language`` (:func:`interface_language`): the vocabulary's text in it, else its catalogue's translation of
    the English one (the vocabulary has English and French; the German and Spanish sites name statuses from
    here), beside the English one (what a verdict's text says in English). No text in another language: the
    words of claimgraph's own vocabulary are interface words, so a Dutch-first site with an English interface
    names its statuses in English, not in French because French is the registry's second language (the
    site's ``choose`` picks by the registry's languages; it finds the interface's first, as a site's
    interface speaks its first language whenever claimgraph has words in it, and English otherwise)."""
    if not texts:
        return texts
    english = {"en": texts["en"]} if texts.get("en") else {}
    for tag in (language, language.lower().split("-")[0]):
        if texts.get(tag):
            return {**english, language: texts[tag]}
    if english and english["en"] in catalogue(language):
        return {**english, language: catalogue(language)[english["en"]]}
    return english or texts


#: How a site language writes a number claimgraph prints (a value, its normalised form, a tolerance), where
#: it is not as English writes it: (decimal sign, group sign, fewest digits of a whole part that is
#: grouped), as CLDR says (German "1.234,5", Spanish "1234,5" but "12.345", French "1\u202f234,5": a narrow
#: no-break space, which a line never breaks at).
NUMBER_STYLES: dict[str, tuple[str, str, int]] = {"de": (",", ".", 4), "es": (",", ".", 5), "fr": (",", "\u202f", 4)}

#: A numeral as :func:`claimgraph.quantities.format_number` writes one: digits, perhaps a point and more
#: (never part of a longer run of digits and points: "10²³" keeps its 10, a version number is left alone)
_PRINTED_NUMERAL = re.compile(r"(?<![\d.,])(\d+)(?:\.(\d+))?(?![\d.,]\d)")


def localised_numbers(text: str, language: str) -> str:
    """``text`` (numbers as claimgraph prints them: "1234.5", "3.14 × 10²³", "20–40") with its numbers
    written as ``language`` writes them: "1.234,5", "3,14 × 10²³" in German; unchanged in English, French
    and any language without a style in :data:`NUMBER_STYLES`."""
    style = NUMBER_STYLES.get((language or "en").lower().split("-")[0])
    if style is None or not text:
        return text
    decimal, group, grouped_from = style

    def written(match: re.Match) -> str:
        whole, fraction = match.group(1), match.group(2)
        if len(whole) >= grouped_from:
            head = len(whole) % 3 or 3
            whole = group.join([whole[:head]] + [whole[i : i + 3] for i in range(head, len(whole), 3)])
        return whole if fraction is None else f"{whole}{decimal}{fraction}"

    return _PRINTED_NUMERAL.sub(written, text)


def localised_quantity(text: str, symbol: str, language: str) -> str:
    """A quantity as :func:`claimgraph.quantities.format_quantity` prints it ("1234.5 MWh"), its number as
    ``language`` writes it ("1.234,5 MWh"); its unit's ``symbol`` as it stands (it may hold digits: "CO2")."""
    if symbol and text.endswith(" " + symbol):
        return localised_numbers(text[: -len(symbol) - 1], language) + " " + symbol
    return text if symbol else localised_numbers(text, language)


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

    def pieces(self, messages: dict[str, str], languages: tuple[str, ...] = ("en",)) -> list[tuple[str, bool]]:
        """The phrase as :meth:`render` writes it, cut into ``(text, is_code)`` pieces: what the catalogue writes
        between backticks (a command, `claimgraph sources fetch`) is code, for a page to show as code rather than
        show the backticks; what a value holds never is (a title's backtick stays a character of the title)."""
        translated = messages.get(self.message) or self.message
        values = _filled_values(self.values, messages, languages)
        parts = _CODE_SPAN.split(translated)
        return [
            (part, True) if i % 2 else (_fill(part, values) if values else part, False)
            for i, part in enumerate(parts)
            if part
        ]


class Figure(str):
    """A quantity as claimgraph prints it ("1000 TWh", "×1.63") inside a :class:`Phrase`: rendered, its number
    is written as the page's language writes numbers (:func:`localised_quantity`), as every other figure on
    the page is. As a string it is the English text."""

    symbol: str

    def __new__(cls, text: str, symbol: str = "") -> Figure:
        figure = super().__new__(cls, text)
        figure.symbol = symbol
        return figure


#: A name the catalogue writes as code, between backticks (`claimgraph sources fetch`).
_CODE_SPAN = re.compile(r"`([^`\n]+)`")


def _filled_values(
    values: tuple[tuple[str, object], ...], messages: dict[str, str], languages: tuple[str, ...]
) -> dict[str, object]:
    def value(v: object) -> object:
        if isinstance(v, Phrase):
            return v.render(messages, languages)
        if isinstance(v, Figure):
            return localised_quantity(v, v.symbol, languages[0] if languages else "en")
        if isinstance(v, dict):
            return next((v[lang] for lang in (*languages, "en") if v.get(lang)), next(iter(v.values()), ""))
        return v

    return {k: value(v) for k, v in values}


def _render(
    message: str, values: tuple[tuple[str, object], ...], messages: dict[str, str], languages: tuple[str, ...]
) -> str:
    return translate(messages, message, **_filled_values(values, messages, languages))


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
    return _fill(translated, values)


def pair(language: str, first: str, second: str) -> str:
    """Two names joined as ``language`` joins them ("Poore & Nemecek", "Poore et Nemecek", "Poore y Nemecek"): in
    Spanish "e" before a name beginning with the sound of i ("Ruiz e Iglesias", "Sanz e Hidalgo", but "Soto y
    Hierro", whose "hie" begins with the sound of y)."""
    joined = translate(catalogue(language), "{first} & {second}", first=first, second=second)
    lowered = second.lower()
    if (
        (language or "").lower().split("-")[0] == "es"
        and joined == f"{first} y {second}"
        and (lowered[:1] in ("i", "í") or (lowered[:2] in ("hi", "hí") and lowered[2:3] not in ("a", "e", "o", "u")))
    ):
        return f"{first} e {second}"
    return joined


def _fill(text: str, values: dict[str, object]) -> str:
    """``text``'s ``{name}`` fields filled from ``values`` (a field without a value left as written)."""

    def field(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = match.group(1)
        return str(values[name]) if name in values else token

    return _FIELD.sub(field, text)


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
    said = in_context(messages, "one" if is_one else "other", msgid)
    return translate(said, msgid, count=written_count(count, language), **values)


def written_count(count: object, language: str) -> object:
    """A message's ``{count}`` (always a number of things: "{count} claims", "all {count}") as ``language`` writes
    numbers, as every other number of the page is ("10.000 afirmaciones", "12\u202f000 affirmations"); anything
    else as it is."""
    if isinstance(count, (int, float)) and not isinstance(count, bool):
        return localised_numbers(str(count), language)
    return count


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
