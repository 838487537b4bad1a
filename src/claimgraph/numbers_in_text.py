"""The reader of numbers in text: what numbers a quote or a statement states, and every way to read them.

A number written by a person can often be read more than one way: ``1,287`` is
1287 in English and 1.287 in French, ``280 450 450`` is one French number or three
table cells. The reader keeps *every* reading of each number (the one the text's
language prefers first) and the value-in-quote and statement checks accept any
reading that matches: a check may miss a wrong number written ambiguously, but it
never reports a right one it misread. The grammar is documented in docs/numbers.md;
in short (``|`` separates alternatives, ``?`` marks what may be left out)::

    quote      = table-row | prose
    table-row  = cell ("|" | TAB) cell …           cells are read one by one, never joined
    prose      = … number … | … range …             a run of space-grouped digits is also
                                                   read as each run of its groups ("280 450 450")
    number     = sign? "("? mantissa uncertainty? ")"? exponent? scale? unit? uncertainty?
               | power-of-ten unit? | fraction unit? | fraction-word | cardinal scale? unit
               | ("×" | "x") mantissa                                          "×3" reads 3
               | mantissa ("×" | "x") mantissa               dimensions, "1920×1080": two numbers
    sign       = "-" | "+" | "−" (U+2212) | "–"      a dash between two numbers joins a range
    mantissa   = digits (group-sep 3-digits)* (decimal-sep digits)?   one group-sep per number; a first
                                                   group starting with 0 is no group: "0,429" is a decimal
               | 1-2-digits ("," 2-digits)* "," 3-digits               Indian grouping, 2,00,000
               | digits decimal-sep 3-digits (SPACE 3-digits)* SPACE 1-3-digits
                                                   decimals grouped as SI and CODATA print them, one number:
                                                   "6.022 140 76", "137.035 999 084" (SPACE: any space below)
    uncertainty= ("±" | "+/-" | "+-") mantissa      "210 ± 5 GPa", "(210 ± 5) GPa", "210 GPa ± 5 GPa": no number
                                                   of its own; the value states itself and value ± u as a range
               | "(" digits ")"                     glued to a decimal, in its last digits (CODATA): "1.2345(67)"
                                                   is 1.2345 ± 0.0067, "6.674 30(15) × 10−11" 6.674 30 ± 0.000 15
    group-sep  = "," | "." | "'" | "’" | SPACE | NBSP | NARROW NBSP | THIN SPACE | "{,}" (LaTeX)
    decimal-sep= "." | ","                          both readings kept when ambiguous; "x.000" groups
                                                   only; a mantissa before an exponent is a decimal
               | "·"                               between digits, The Lancet's "0·76" (not before 10⁻³)
    exponent   = ("e" | "E") sign? digits
               | SPACE? times SPACE? "10" ("^" | "**") sign? digits | … "10^{" sign? digits "}"
               | SPACE? times SPACE? "10" ("-" | "−") digits               10⁻³ flattened by a PDF
               | SPACE? times SPACE? "10" superscript-digits
    times      = "×" | "x" | "*" | "·" | "\\times" | "\\cdot"
    power-of-ten = "10" superscript-digits | "10^" sign? digits | "10^{" sign? digits "}"   "$10^{23}$"
    scale      = k | K | M | B | G | T                glued: "175B"; M or B also spaced before a word
               | bn | mn | mln | Md | Mds              glued or after one space
               | thousand | million | billion | trillion | mille | milliers | million(s)
               | milliard(s)                           after a space or a hyphen; billion is 10¹²
                                                       in French (both readings kept when the registry
                                                       has a long-scale language; 10⁹ alone in English)
               | Tsd. | Tausend | Mio. | Millionen | Mrd. | Milliarde(n) | Billionen       German
               | mil | millón | millones | mil millones | billón | billones          Spanish (docs/numbers.md)
               | mila | milioni | miliardi | mld | bilioni | milhões | mil milhões | bilhões | biliões
               | duizend | miljoen | miljard | biljoen …     Italian, Portuguese, Dutch ("32mila" glued); bilião and
                                                   bilione are 10¹² and 10⁹, bilhão 10⁹ alone (docs/numbers.md)
    unit       = "%" | "‰" | percent | per cent | pour cent | per mille | pour mille
               | knot | kn | kts | nodi | mile(s) | mi | nautical mile(s) | nmi | NM | mph   transport (_UNITS)
               | energy, power, mass, volume, data, time units (kWh, MWh, GW, EJ, PWh, Mtoe, t, tCO2e,
                 MtCO2, kg, L, m3, GB, months, ans, yr, …) | "x" | "X" | "×" | times | fois | fold
               | qudt-symbol | prefix-name? unit-name        QUDT's symbols, an SI prefix glued: "210 GPa", "1.12 eV",
                                                   "1.1 µm", "6,1 Mha", "210 gigapascals" (_symbols, _named_units)
               | unit ("·" unit | (SPACE | "-") unit)+         a product: "µΩ·cm", "Ω m" (one QUDT lists)
               | unit (co2 | (of | de | d') resource | formula)? ("/" | per | par | pro | je | por | a | an)
                 count? (unit | "(" unit (("·" | SPACE) unit)* ")")
                                                   a rate: "0,4 kg CO2e par kWh", "1.8 L of water per kWh",
                                                   "401 W/(m·K)", "164 m² per 100 g", "150 kg N/ha" (_rate)
                                                   a passenger-km or a vehicle-km is read per km, a tonne-km
                                                   per (t·km): "41 g CO2 per pkm", "62 g CO2/tkm" (_COUNT_KM)
               | unit (co2 | (of | de | d') resource | formula)? ((SPACE | "·") symbol negative-power)+
                                                   "W m⁻²", "Gt yr-1", "t ha⁻¹", "m³ kg⁻¹ s⁻²": denominators
                                                   (_negative_powers)
               | unit ("/" | per | …) decade        "0.2 °C per decade": read per year, a tenth of it
               | ppm | ppmv | ppb | ppbv | °C | ℃ | °F | K | mm | cm | km | m | m² | km² | m³
                                                   climate notation; "K" and "m" only a space after the number
                                                   ("10K" is ten thousand), "m" never after money ("$5 m")
               | money | cents                     "£40m", "40 million pounds", "10¢/kWh" (a hundredth)
               | (per | pour | je | pro | por cada | "/") people-scale (person-time | people)? period?
                                                   "12.5 per 100,000 person-years": a rate, its scale no number
               | unit-not-read                     "14 XJ", "5 MtFOO", "90 gCO2 per room-night": a symbol
                                                   or a denominator not read, a unit not converted ("150 bushels
                                                   per acre"), a compound not read whole ("401 W/(m·XJ)"), or a
                                                   word like a scale the reader does not know ("5 Milliónen",
                                                   "3 triliões"), percentage points ("3.5 pp"); states no claim
                                                   (UNIT_NOT_READ)
    co2        = (of | de | d')? (équivalent | éq. | eq)? CO2 (e | eq | -eq | éq | equivalent | …)?
    range      = number ("–" | "—" | "-" | to | à | au | through) number
               | (between | entre | from | de) number (and | et | to | à) number
                                                   a unit or scale after the second bound applies
                                                   to the first as well ("5–14 million")
    fraction   = digits "/" digits ("st" | "nd" | "rd" | "th")?      "1/10th" reads 0.1
    fraction-word = half | a third | two thirds | a quarter | one-twentieth | … | la moitié
               | un tiers | deux tiers | un quart | … | twice | double(d) | tripled | doubler
               | triplement | quadrupler | twofold … tenfold | two-fold | quintupled | factor of three …
               | numerator denominator            "two fifths", "trois cinquièmes", "zwei Fünftel", "dos quintos",
                                                   "dois terços", "due terzi"; and parts: "la tercera parte", "tres
                                                   cuartas partes", "a terça parte", "la terza parte"
    cardinal   = one … ninety-nine | a hundred and fifty | un … quatre-vingt-dix-neuf | deux cents …
                                                    read whole, below a thousand ("twenty-five" is never 5),
                                                    only before a scale word, times, percent or a duration
                                                    (days, months, years, jours, mois, ans…); "a" before a scale
               | a                                  word is one ("a billion dollars")

What is *not* a number: a year standing alone (in 2023, (IEA, 2019)) or opening a sentence before a word
(2019 saw …, 2023 wurden …), a locator (``p. 12``,
``Table 4``, ``Fig. 2``, ``Section 3``, ``Volume 7``), a reference marker (``[12]``) or a
footnote call (``habitants(1)``, ``search.1``), the day of a date (``17 décembre``), digits
inside a name (``GPT-3``, ``A100``, ``Llama-2-70B``, ``CO2``, ``ISO 14040/44``) or after a
word naming a product or a class (``Scope 3``, ``RTX 4090``, ``Mistral Large 2``).
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from functools import lru_cache

from .quantities import UNIT_NS, Catalogue, Quantity, UnknownUnit, convert, dimension_of
from .qudt import table

# ------------------------------------------------------------------ what the reader returns

#: the unit of a number followed by a unit the reader does not know ("14 XJ", "5 MtFOO", "90 gCO2 per
#: room-night"): no claim's unit, so that the number is never taken in the claim's unit (docs/numbers.md)
UNIT_NOT_READ = "urn:claimgraph:unit-not-read"


@dataclass(frozen=True)
class NumberInText:
    """One number as a text writes it."""

    written: str  # the characters read, as printed
    start: int
    end: int
    readings: tuple[float, ...]  # every reading; the first is the one the text's language prefers
    unit: str | None = None  # QUDT IRI of the unit written after it (percent, MWh…), None for none, UNIT_NOT_READ
    half_unit: float = 0.0  # half a unit in the last written digit, in the number's own scale
    in_range: bool = False  # a bound of a range (it is also a number of its own)
    alternative: bool = False  # part of a longer number read another way ("280 450 450" as three cells)
    scale: float = 1.0  # the scale word or letter written after it (1e9 for "175B"), already applied
    per_decade: bool = False  # a rate written per decade, read per year ("0.2 °C per decade": 0.02 °C/yr)
    #: the uncertainty written with it ("210 ± 5", "1.2345(67)": 5, 0.0067), in the number's own scale; 0 for none.
    #: It is no number of its own: "210 ± 5" states 210, and the interval 205 to 215, never 5
    uncertainty: float = 0.0

    @property
    def value(self) -> float:
        """The reading the text's language prefers."""
        return self.readings[0]


@dataclass(frozen=True)
class RangeInText:
    low: NumberInText
    high: NumberInText


@dataclass(frozen=True)
class Reading:
    """Everything the reader found in one text."""

    numbers: tuple[NumberInText, ...] = ()
    ranges: tuple[RangeInText, ...] = ()

    def values(self) -> list[float]:
        """The preferred reading of every number, in order of appearance (alternative splits left out)."""
        return [n.value for n in self.numbers if not n.alternative]


# ------------------------------------------------------------------ vocabulary

_SCALE_WORDS = {
    "thousand": 1e3,
    "thousands": 1e3,
    "mille": 1e3,
    "millier": 1e3,
    "milliers": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "md": 1e9,
    "mds": 1e9,
    "trillion": 1e12,
    "trillions": 1e12,
    "quadrillion": 1e15,
    # German: "16 Mrd. kWh", "7,6 Mio. t", "3 Tsd. Euro", "2 Millionen", "5 Milliarden"; "Billion" is the long
    # scale's (_LONG_SCALE), and "Billionen", "Billiarde" are German alone
    "tausend": 1e3,
    "tsd": 1e3,
    "mio": 1e6,
    "millionen": 1e6,
    "mrd": 1e9,
    "milliarde": 1e9,
    "milliarden": 1e9,
    "billionen": 1e12,
    "billiarde": 1e15,
    "billiarden": 1e15,
    # Spanish: "3 mil", "3,5 millones", "1,2 mil millones" (10⁹), "2 millardos", "1,2 billones" (10¹²)
    "mil": 1e3,
    "millón": 1e6,
    "millones": 1e6,
    "mil millones": 1e9,
    "millardo": 1e9,
    "millardos": 1e9,
    "billón": 1e12,
    "billones": 1e12,
    # Italian: "32 mila", "32mila", "1,2 milioni di tonnellate", "850 miliardi di passeggeri-km", "3 mld di euro";
    # "bilione" is 10¹² first (_SCALE_READINGS)
    "mila": 1e3,
    "migliaio": 1e3,
    "migliaia": 1e3,
    "milione": 1e6,
    "milioni": 1e6,
    "miliardo": 1e9,
    "miliardi": 1e9,
    "mld": 1e9,  # Italian and Polish (miliardo, miliard); "mrd", German's, is Italian's too
    # Portuguese: "32 mil" (as Spanish), "2 milhões de toneladas", "1,2 mil milhões" (10⁹, Portugal), "R$ 3 bilhões"
    # (10⁹, Brazil's spelling), "3 trilhões" (10¹², Brazil's); "bilião" is Portugal's 10¹² first (_SCALE_READINGS)
    "milhão": 1e6,
    "milhões": 1e6,
    "mil milhões": 1e9,
    "bilhão": 1e9,
    "bilhões": 1e9,
    "trilhão": 1e12,
    "trilhões": 1e12,
    # Dutch: "3 miljoen ton", "2 miljard euro", "1,5 biljoen" (10¹², the long scale's), "32 duizend"
    "duizend": 1e3,
    "miljoen": 1e6,
    "miljard": 1e9,
    "biljoen": 1e12,
}
#: scale words with two meanings, the one their spelling or their language makes usual first: Portugal's "bilião" is
#: 10¹², but Brazil's dictionaries give it as a variant of "bilhão" (10⁹), and Portugal's press writes it for the
#: English billion; Italian "bilione" is 10¹² by law and usage, 10⁹ in older texts
_SCALE_READINGS = {
    "bilião": (1e12, 1e9),
    "biliões": (1e12, 1e9),
    "bilione": (1e12, 1e9),
    "bilioni": (1e12, 1e9),
}
#: French counts on the long scale: "un billion" is 10¹², "un trillion" 10¹⁸
_LONG_SCALE = {"billion": 1e12, "billions": 1e12, "trillion": 1e18, "trillions": 1e18}
_LONG_SCALE_LANGUAGES = {"fr", "de", "es", "it", "nl", "pt"}
#: one-letter suffixes glued to the digits (175B, 10k, 1.5M): case matters (m is metre, b is bit)
_SCALE_LETTERS = {"k": 1e3, "K": 1e3, "M": 1e6, "B": 1e9, "G": 1e9, "T": 1e12}

#: the unit written after a number -> QUDT local name
_UNITS = {
    "twh": "TeraW-HR",
    "gwh": "GigaW-HR",
    "mwh": "MegaW-HR",
    "kwh": "KiloW-HR",
    "wh": "W-HR",
    "pj": "PetaJ",
    "tj": "TeraJ",
    "gj": "GigaJ",
    "mj": "MegaJ",
    "kj": "KiloJ",
    "j": "J",
    "tw": "TeraW",
    "gw": "GigaW",
    "mw": "MegaW",
    "kw": "KiloW",
    "w": "W",
    "gtco2e": "GigaTONNE",
    "mtco2e": "MegaTONNE",
    "ktco2e": "KiloTONNE",
    "tco2e": "TONNE",
    "tco2eq": "TONNE",
    "tco2": "TONNE",
    "kgco2e": "KiloGM",
    "kgco2eq": "KiloGM",
    "kgco2": "KiloGM",
    "gco2e": "GM",
    "gco2eq": "GM",
    "gco2": "GM",
    "gt": "GigaTONNE",
    "mt": "MegaTONNE",
    "kt": "KiloTONNE",
    "t": "TONNE",
    "tonne": "TONNE",
    "tonnes": "TONNE",
    "ton": "TONNE",
    "tons": "TONNE",
    "kg": "KiloGM",
    "g": "GM",
    "mg": "MilliGM",
    "µg": "MicroGM",  # the micro sign
    "μg": "MicroGM",  # the Greek mu: "25 μg m⁻³"
    "ml": "MilliL",
    "l": "L",
    "liters": "L",
    "litres": "L",
    "liter": "L",
    "litre": "L",
    "m3": "M3",
    "pb": "PetaBYTE",
    "tb": "TeraBYTE",
    "gb": "GigaBYTE",
    "mb": "MegaBYTE",
    "kb": "KiloBYTE",
    "%": "PERCENT",
    "percent": "PERCENT",
    "per cent": "PERCENT",
    "pour cent": "PERCENT",
    "pourcent": "PERCENT",
    "pct": "PERCENT",
    "prozent": "PERCENT",
    "por ciento": "PERCENT",
    "porciento": "PERCENT",
    "‰": "PPTH",
    "per mille": "PPTH",
    "per mil": "PPTH",
    "pour mille": "PPTH",
    "promille": "PPTH",
    "por mil": "PPTH",
    "month": "MO",
    "months": "MO",
    "mois": "MO",
    "year": "YR",
    "years": "YR",
    "an": "YR",
    "ans": "YR",
    "années": "YR",
    "day": "DAY",
    "days": "DAY",
    "jours": "DAY",
    "jour": "DAY",
    "week": "WK",
    "weeks": "WK",
    "semaines": "WK",
    # Italian: "5 anni", "per anno", "all'anno", "al mese" (not "ora"/"ore": English ore is a rock)
    "anno": "YR",
    "anni": "YR",
    "mese": "MO",
    "mesi": "MO",
    "giorno": "DAY",
    "giorni": "DAY",
    "settimana": "WK",
    "settimane": "WK",
    "hour": "HR",
    "hours": "HR",
    "heures": "HR",
    "h": "HR",
    "yr": "YR",
    # German and Spanish durations, masses and volumes ("3 Jahre", "2 meses", "5 Tonnen", "3 litros")
    "jahr": "YR",
    "jahre": "YR",
    "jahren": "YR",
    "monat": "MO",
    "monate": "MO",
    "monaten": "MO",
    "tage": "DAY",
    "tagen": "DAY",
    "woche": "WK",
    "wochen": "WK",
    "stunde": "HR",
    "stunden": "HR",
    "año": "YR",
    "años": "YR",
    "mes": "MO",
    "meses": "MO",
    "día": "DAY",
    "días": "DAY",
    "semana": "WK",
    "semanas": "WK",
    "hora": "HR",
    "horas": "HR",
    # Dutch durations ("3 jaar", "per jaar", "/jaar", "per maand", "per dag", "per week", "2 uur")
    "jaar": "YR",
    "jaren": "YR",
    "maand": "MO",
    "maanden": "MO",
    "dag": "DAY",
    "dagen": "DAY",
    "weken": "WK",
    "uur": "HR",
    "tonnen": "TONNE",
    "tonelada": "TONNE",
    "toneladas": "TONNE",
    "litros": "L",
    "litro": "L",
    # Italian masses and volumes ("1,2 milioni di tonnellate", "3 litri"); Dutch "ton", "liter" are above
    "tonnellata": "TONNE",
    "tonnellate": "TONNE",
    "litri": "L",
    "yrs": "YR",
    "times": "UNITLESS",
    "fois": "UNITLESS",
    "x": "UNITLESS",
    "×": "UNITLESS",
    "fold": "UNITLESS",
    "mal": "UNITLESS",  # German: "3 mal", "2,5-mal"
    "veces": "UNITLESS",  # Spanish: "3 veces", "tres veces"
    # money: a symbol or an ISO code after the number ("4.6 million USD", "99,84€", "4,6 Md€"), or its name;
    # a symbol several currencies share ($, ¥, dollars) is read as each of them (_CURRENCY_SYMBOLS)
    "$": "CCY_USD",
    "us$": "CCY_USD",
    "€": "CCY_EUR",
    "£": "CCY_GBP",
    "¥": "CCY_JPY",
    "₹": "CCY_INR",
    "₩": "CCY_KRW",
    "₽": "CCY_RUB",
    "m€": "MegaCCY_EUR",  # "4,6 M€": QUDT's prefix Mega glued to the currency, as "M$" is QUDT's symbol
    "k€": "KiloCCY_EUR",
    "m$": "MegaCCY_USD",
    "k$": "KiloCCY_USD",
    "dollar": "CCY_USD",
    "dollars": "CCY_USD",
    "us dollar": "CCY_USD",
    "us dollars": "CCY_USD",
    "dollars américains": "CCY_USD",
    "euro": "CCY_EUR",
    "euros": "CCY_EUR",
    "pounds sterling": "CCY_GBP",
    "livres sterling": "CCY_GBP",
    "yen": "CCY_JPY",
    "yuan": "CCY_CNY",
    "francs suisses": "CCY_CHF",
    "swiss francs": "CCY_CHF",
    # Brazil's real ("3 bilhões de reais"; "R$" before a number is read as a dollar's prefix) and Poland's złoty ("5
    # mld zł", "5 mld złotych"); "real" alone is an English word
    "reais": "CCY_BRL",
    "zł": "CCY_PLN",
    "złotych": "CCY_PLN",
}
#: ISO 4217 codes read as money next to a number ("USD 4.6 million", "4.6 million EUR"), written in capitals;
#: codes that are also words or names written in capitals (ALL, TRY, TOP, CUP, AMD, MAD…) are left out
_CURRENCY_CODES = (
    "USD EUR GBP JPY CHF CNY CAD AUD NZD HKD SGD INR KRW SEK NOK DKK BRL RUB ZAR MXN PLN CZK TWD ILS HUF".split()
)
_UNITS.update({code.lower(): "CCY_" + code for code in _CURRENCY_CODES})
#: energy as energy statistics write it: "14 EJ", "3 PWh", "12 Mtoe" (tonnes of oil equivalent), "2.5 GHz"
_UNITS.update({"pwh": "PetaW-HR", "ej": "ExaJ", "exajoules": "ExaJ", "exajoule": "ExaJ", "petajoules": "PetaJ"})
_UNITS.update({"toe": "TOE", "ktoe": "KiloTOE", "mtoe": "MegaTOE", "gtoe": "GigaTOE"})
_UNITS.update({"mwe": "MegaW", "gwe": "GigaW", "kwe": "KiloW"})  # electric power ("a 1,600 MWe reactor")
#: energy with a qualifier glued, as French and Belgian building regulation (DPE, PEB/EPB) writes it: final energy
#: ("180 kWhef/m².an", "kWh_ef"), primary energy ("392 kWhEP/m².an", "kWhep", "kWhPE", "kWh_ep"), electric energy
#: ("kWhe"): the watt-hour's unit; the qualifier says what is measured, and belongs to the measurand, as CO2e does
#: (docs/units.md). Case is ignored, as for "kWh" itself
_ENERGY_QUALIFIERS = ("ef", "ep", "pe", "_ef", "_ep", "_pe", "e")
_WATT_HOUR_PREFIXES = {"": "", "k": "Kilo", "m": "Mega", "g": "Giga", "t": "Tera"}
_UNITS.update({f"{p}wh{q}": f"{local}W-HR" for p, local in _WATT_HOUR_PREFIXES.items() for q in _ENERGY_QUALIFIERS})
_UNITS.update({"hz": "HZ", "khz": "KiloHZ", "mhz": "MegaHZ", "ghz": "GigaHZ", "thz": "TeraHZ"})
#: masses, amounts of substance and volumes of concentrations as health and air-quality texts write them
#: ("14.3 µg/m³", "5 mg/L", "5.5 mmol/L", "90 mg/dL"): the micro sign (U+00B5) and the Greek mu (U+03BC, what
#: QUDT prints) are both written for micro; "m³" with its superscript is "m3"
_MICRO = ("µ", "\u03bc")
_UNITS.update({micro + "g": "MicroGM" for micro in _MICRO} | {micro + "l": "MicroL" for micro in _MICRO})
_UNITS.update({micro + "mol": "MicroMOL" for micro in _MICRO} | {"ng": "NanoGM", "dl": "DeciL", "m³": "M3"})
_UNITS.update({"mol": "MOL", "mmol": "MilliMOL", "nmol": "NanoMOL"})
#: units written as words: "20,4 kilotonnes", "3 terawatt-hours", "5 gigawatts"
_NAMED_PREFIXES = {"": "", "kilo": "Kilo", "mega": "Mega", "giga": "Giga", "tera": "Tera", "peta": "Peta"}
for _name, _prefix in _NAMED_PREFIXES.items():
    for _base, _local in (("watt-hour", "W-HR"), ("watt hour", "W-HR"), ("watt", "W"), ("joule", "J")):
        _UNITS.setdefault(_name + _base, _prefix + _local)
        _UNITS.setdefault(_name + _base + "s", _prefix + _local)
    if _name in ("kilo", "mega", "giga"):
        for _base in ("tonne", "tonnes", "ton", "tons"):
            _UNITS.setdefault(_name + _base, _prefix + "TONNE")
#: the watt-hour and the watt as German, Spanish and French write them ("59,8 Terawattstunden", "1 Megawattstunde",
#: "59,8 teravatios hora", "5 megavatios", "59,8 térawattheures", "3 mégawatts"): a number before them is read in
#: their unit, never taken bare in a claim's (59,8 Terawattstunden is no 59.8 GWh)
_WORDED_PREFIXES = _NAMED_PREFIXES | {"méga": "Mega", "téra": "Tera", "péta": "Peta"}
_WORDED_ENERGY = ("wattstunde", "wattstunden", "vatio hora", "vatios hora", "vatio-hora", "vatios-hora", "wattheure",
                  "wattheures", "watt-heure", "watt-heures", "watts-heures", "watts heures", "watt heure")  # fmt: skip
for _name, _prefix in _WORDED_PREFIXES.items():
    for _base in _WORDED_ENERGY:
        _UNITS.setdefault(_name + _base, _prefix + "W-HR")
    for _base in ("vatio", "vatios", "watt", "watts"):
        _UNITS.setdefault(_name + _base, _prefix + "W")
#: a mass of greenhouse gas with its qualifier glued ("918 MtCO2", "3.5 GtCO₂e", "12 ktCO2-eq"): the mass's
#: unit; the qualifier belongs to the measurand (docs/units.md)
_MASSES = {"g": "GM", "kg": "KiloGM", "t": "TONNE", "kt": "KiloTONNE", "mt": "MegaTONNE", "gt": "GigaTONNE"}
for _mass, _local in _MASSES.items():
    for _two in ("2", "₂"):
        for _suffix in ("", "e", "eq", "-eq", "-e", "éq"):
            _UNITS.setdefault(f"{_mass}co{_two}{_suffix}", _local)
#: counts of floating-point operations as ML papers write them (3.14e23 FLOPs, 4.6 TFLOP, 3640 PFLOP/s-days),
#: and their rates (312 TFLOP/s); "FLOPS" in capitals is the rate (_FLOP_RATE_WRITTEN), "FLOPs" the count
_FLOP_PREFIXES = {"": "", "k": "Kilo", "m": "Mega", "g": "Giga", "t": "Tera", "p": "Peta", "e": "Exa", "z": "Zetta"}
for _short, _prefix in list(_FLOP_PREFIXES.items()):
    for _written in {_short, _prefix.lower()}:
        _UNITS[_written + "flop"] = _UNITS[_written + "flops"] = _prefix + "FLOP"
        _UNITS[_written + "flop/s"] = _prefix + "FLOPS"
        _UNITS[_written + "flop/s-day"] = _UNITS[_written + "flop/s-days"] = f"DAY-{_prefix}FLOP-PER-SEC"
_UNITS.update({"pf-day": "DAY-PetaFLOP-PER-SEC", "pf-days": "DAY-PetaFLOP-PER-SEC"})
_UNITS.update({"pfs-day": "DAY-PetaFLOP-PER-SEC", "pfs-days": "DAY-PetaFLOP-PER-SEC"})
_FLOP_RATE_WRITTEN = re.compile(r"[A-Za-z]*FLOPS")
_FLOP_COUNT = (("flop", 1),)
#: the symbols and names several currencies share, and every currency each may be, the usual one first
_CURRENCY_SYMBOLS = {
    "$": ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "MXN", "TWD", "BRL"),
    "dollar": ("USD", "CAD", "AUD", "NZD", "HKD", "SGD", "TWD"),
    "¥": ("JPY", "CNY"),
    "yen": ("JPY",),
    "cent": ("USD", "EUR", "CAD", "AUD", "NZD", "HKD", "SGD"),  # "10 cents": a dollar's or a euro's
}
#: concentrations as climate science writes them: "1866 ppb", "410 ppmv" (a mole or volume fraction: QUDT's PPM,
#: PPB); "ppt" (a trillionth, or a thousandth, or percentage points) is not read (_UNIT_NOT_READ_AFTER)
_UNITS.update({"ppm": "PPM", "ppmv": "PPM", "ppb": "PPB", "ppbv": "PPB"})
#: temperatures ("1.1 °C", "288 K", "34 °F") and lengths ("3.7 mm/yr", "20 cm", "0.20 m", "5 m²"), read only as
#: written in _CASED_UNITS: "10K GPUs" is ten thousand GPUs (a scale, _SCALE_LETTERS), "$5MM" five million
_CASED_UNITS = {
    "°c": ("°C", "ºC", "℃"),
    "℃": ("℃",),
    "ºc": ("ºC",),
    "°f": ("°F", "ºF", "℉"),
    "℉": ("℉",),
    "k": ("K",),
    "mm": ("mm",),
    "cm": ("cm",),
    "km": ("km",),
    "m": ("m",),
    "m²": ("m²",),
    "m2": ("m2",),
    "m³": ("m³",),
    "km²": ("km²",),
    "km2": ("km2",),
    "cm²": ("cm²",),
}
_UNITS.update({"°c": "DEG_C", "℃": "DEG_C", "ºc": "DEG_C", "°f": "DEG_F", "℉": "DEG_F", "k": "K"})
_UNITS.update({"kelvin": "K", "kelvins": "K", "degrees celsius": "DEG_C", "degree celsius": "DEG_C"})
_UNITS.update({"degrees fahrenheit": "DEG_F", "degree fahrenheit": "DEG_F"})
_UNITS.update({"mm": "MilliM", "cm": "CentiM", "km": "KiloM", "m": "M", "m²": "M2", "m2": "M2", "m³": "M3"})
_UNITS.update({"km²": "KiloM2", "km2": "KiloM2", "cm²": "CentiM2"})
#: blood pressure: "120 mmHg", "4.3 mm Hg" (NEJM's and JAMA's style, with a space: no millimetre), "mm of mercury"
_UNITS.update({"mmhg": "MilliM_HG", "mm hg": "MilliM_HG", "mm of mercury": "MilliM_HG"})
_UNITS.update({f"{mm} of mercury": "MilliM_HG" for mm in ("millimetres", "millimeters", "millimetre", "millimeter")})
_UNITS.update({"millimetres": "MilliM", "millimeters": "MilliM", "centimetres": "CentiM", "centimeters": "CentiM"})
_UNITS.update({"metres": "M", "meters": "M", "kilometres": "KiloM", "kilometers": "KiloM"})
#: masses and areas as agronomy writes them, in English, Spanish, French and German: "13.7 metric tons", "3,2
#: toneladas por hectárea", "6,1 millones de hectáreas", "23,9 kg por kilogramo", "150 lb/acre", "5 Kilogramm"
_UNITS.update({"metric ton": "TONNE", "metric tons": "TONNE", "metric tonne": "TONNE", "metric tonnes": "TONNE"})
_UNITS.update({"tonelada métrica": "TONNE", "toneladas métricas": "TONNE", "tonnes métriques": "TONNE"})
_UNITS.update({"kilogramo": "KiloGM", "kilogramos": "KiloGM", "gramo": "GM", "gramos": "GM"})
_UNITS.update({"kilogramm": "KiloGM", "gramm": "GM", "kilo": "KiloGM", "kilos": "KiloGM", "lb": "LB", "lbs": "LB"})
_UNITS.update({"hectare": "HA", "hectares": "HA", "hectárea": "HA", "hectáreas": "HA", "hektar": "HA"})
_UNITS.update({"acre": "AC", "acres": "AC"})
#: the tons that say which they are ("82.5 short tons"); "tons" alone is read as tonnes (t), as before
_UNITS.update({f"{size} {ton}": local for size, local in (("short", "TON_SHORT"), ("us", "TON_SHORT"),
               ("long", "TON_LONG"), ("imperial", "TON_LONG")) for ton in ("ton", "tons")})  # fmt: skip
#: the units of transport, where mixing miles with kilometres or knots with km/h is the classic mistake: "22 knots",
#: "22 kn", "22 nodi" (Italian), "120 miles", "120 mi", "120 nautical miles", "120 nmi", "120 NM", "45 mph", "45 miles
#: per hour" (a rate, _rate). "kt" stays the kilotonne of emissions ("12 kt CO2"); "kts" is the knot of aviation.
#: "mi" is a mile only where it is no Italian pronoun (_ITALIAN_MI), "nodi" a knot only where it is no node
#: (_NODES), "miles" no Spanish thousands (_SPANISH_MILES); a mile per gallon is not read (_NOT_CONVERTED)
_UNITS.update({"knot": "KN", "knots": "KN", "kn": "KN", "kts": "KN", "nodo": "KN", "nodi": "KN"})
_UNITS.update({"mile": "MI", "miles": "MI", "mi": "MI", "mph": "MI-PER-HR", "nmi": "MI_N", "nm": "MI_N"})
_UNITS.update({"nautical mile": "MI_N", "nautical miles": "MI_N", "miglio nautico": "MI_N", "miglia nautiche": "MI_N"})
#: Italian speeds: "300 km orari", "300 km all'ora" (a rate per hour Italian writes with an adjective)
_UNITS.update({"km orari": "KiloM-PER-HR", "km all'ora": "KiloM-PER-HR", "km all’ora": "KiloM-PER-HR"})
_UNITS.update({"miglia marine": "MI_N", "miglio marino": "MI_N"})
#: "22 kn" in small letters only ("22 kN" is QUDT's kilonewton, read by its symbol), "120 NM" in capitals only
#: ("632.8 nm" is QUDT's nanometre)
_CASED_UNITS.update({"kn": ("kn",), "nm": ("NM",), "mi": ("mi",)})
#: symbols read only a space after the number: "0.20 m" is a length, "5m" (glued) a name or five million,
#: "288 K" a temperature, "10K" ten thousand
_SPACED_UNITS = frozenset({"m", "k"})
_UNIT_WORDS = sorted(_UNITS, key=len, reverse=True)
#: a unit that needs a word boundary after it (letters), against one that is a sign (%, ‰, ×); nor may a power
#: follow ("m⁻²" is read by _NEGATIVE_POWER, "m^2" not at all)
_UNIT_AFTER = re.compile(
    r"[ \u00a0\u202f]?(?:-\s?)?("
    + "|".join(re.escape(u).replace(r"\ ", r"\s") for u in _UNIT_WORDS)
    + r")(?![A-Za-zÀ-ÿ0-9²³⁻^_])",
    re.IGNORECASE,
)


def _match_unit(text: str, pos: int) -> re.Match | None:
    """:data:`_UNIT_AFTER` at ``pos``, but a symbol of :data:`_CASED_UNITS` only as written there ("K", not "k";
    "mm", not "MM") and one of :data:`_SPACED_UNITS` only after a space."""
    match = _UNIT_AFTER.match(text, pos)
    if match is None:
        return None
    word = match.group(1).lower()
    if word in _CASED_UNITS and match.group(1) not in _CASED_UNITS[word]:
        return None
    if word in _SPACED_UNITS and match.group(0)[:1] not in " \u00a0\u202f":
        return None
    return match


#: a unit symbol the reader does not know, after a number (after one space; a token glued to the digits is a
#: name, "4o"): any capital or an SI prefix before the symbol of a unit of energy or power ("14 XJ", "3 ZWh",
#: "5 GWth"), or an SI prefix before a tonne, a gram, a byte or a litre ("5 Pg", "3 EB", "2 GL"); after a symbol
#: ending in a small letter, a qualifier in capitals or digits may follow ("5 MtFOO", "5 PgC", "2 MtCH4"); no
#: letter may follow it. Words ("people", "models", "GPUs", "LLM", "pt") are never such a symbol
_UNIT_NOT_READ_AFTER = re.compile(
    r"[ \u00a0\u202f](?:[A-Zkmµμnp](?:Wh|W|J)|[kMGTPE]t|[kMGTPEµμmnp]g|[kKMGTPEZY]B|[kGhcdµμm]L|kcal|pptv?|ppq"
    # a symbol of several letters the reader reads with a prefix it does not know: "5 XPa", "3 QeV", "2 umol"
    r"|[A-Za-zµμ]{1,2}(?:Pa|eV|Hz|\u03a9|\u2126|mol|Wb|Bq|Gy|Sv))"
    # a qualifier glued after a small letter: capitals or digits ("MtFOO", "PgC", "kWhEP"), or a short word of
    # small letters ("GWth", "kWhxy", "kWh_pe")
    r"(?:(?<=[a-z])[A-Z0-9₂][A-Za-z0-9₂-]*|_?[a-z]{1,3}|_[A-Za-z0-9]+)?(?![A-Za-zÀ-ÿ0-9₂])"
)

#: the number words before "fold" ("twofold", "a two-fold increase")
_FOLD_CARDINALS = {
    "two": 2.0, "three": 3.0, "four": 4.0, "five": 5.0, "six": 6.0, "seven": 7.0, "eight": 8.0, "nine": 9.0,
    "ten": 10.0, "eleven": 11.0, "twelve": 12.0, "fifteen": 15.0, "twenty": 20.0, "thirty": 30.0, "forty": 40.0,
    "fifty": 50.0, "hundred": 100.0, "thousand": 1000.0,
}  # fmt: skip

#: the German number words before "-fach" and "-mal" ("dreifach", "zehnmal"), and the first of "verdreifacht"
_GERMAN_CARDINALS = {
    "zwei": 2.0, "drei": 3.0, "vier": 4.0, "fünf": 5.0, "sechs": 6.0, "sieben": 7.0, "acht": 8.0, "neun": 9.0,
    "zehn": 10.0, "zwanzig": 20.0, "hundert": 100.0, "tausend": 1000.0,
}  # fmt: skip

#: fractions and multipliers written as words, and their values
#: the forms of a Spanish verb of multiplying after its stem ("duplicó", "triplicaron", "cuadruplicado")
_SPANISH_VERB_ENDINGS = "(?:ó|a|an|aron|ar|ado|ada|ados|adas|ará|arán|ación|aría)"
_FRACTION_WORDS = [
    (r"\bone[- ]and[- ]a[- ]half\b", 1.5),
    (r"\bthree[- ]quarters\b", 0.75),
    (r"\btwo[- ]thirds\b", 2 / 3),
    (r"\b(?:a|one)[- ]third\b", 1 / 3),
    (r"\b(?:a|one)[- ]quarter\b", 0.25),
    (r"\b(?:a|one)[- ]fifth\b", 0.2),
    (r"\b(?:a|one)[- ]tenth\b", 0.1),
    (r"\b(?:a|one)[- ]twentieth\b", 0.05),
    (r"\b(?:a|one)[- ]hundredth\b", 0.01),
    (r"\b(?:a|one)[- ]thousandth\b", 0.001),
    (r"\bhalf\b", 0.5),
    (r"\bhalv(?:e|ed|es|ing)\b", 0.5),  # "halved", "halving", as German "halbiert"
    (r"\btwice\b", 2.0),
    (r"\bthrice\b", 3.0),
    (r"\bdoubl(?:e|ed|es|ing)\b", 2.0),
    (r"\btripl(?:e|ed|es|ing)\b", 3.0),
    (r"\bquadrupl(?:e|ed|es|ing)\b", 4.0),
    (r"\bquintupl(?:e|ed|es|ing)\b", 5.0),
    (r"\bsextupl(?:e|ed|es|ing)\b", 6.0),
    (r"\bseptupl(?:e|ed|es|ing)\b", 7.0),
    (r"\boctupl(?:e|ed|es|ing)\b", 8.0),
    # "twofold", "a two-fold increase", "three fold", "tenfold", "hundredfold"
    # ("twenty-five-fold" is no "five-fold": a word after a hyphen ends a compound the list does not read)
    *((rf"(?<!-)\b{word}[- ]?fold\b", value) for word, value in _FOLD_CARDINALS.items()),
    (r"\bdeux[- ]tiers\b", 2 / 3),
    (r"\btrois[- ]quarts\b", 0.75),
    (r"\bun[- ]tiers\b", 1 / 3),
    (r"\bun[- ]quart\b", 0.25),
    (r"\bun[- ]cinquième\b", 0.2),
    (r"\bun[- ]dixième\b", 0.1),
    (r"\bun[- ]vingtième\b", 0.05),
    (r"\bun[- ]centième\b", 0.01),
    (r"\bun[- ]millième\b", 0.001),
    (r"\bune[- ]fois[- ]et[- ]demie\b", 1.5),
    (r"\bmoitié\b", 0.5),
    (r"\bdemi\b", 0.5),
    (r"\bdoubl(?:er|é|ée|és|ées|ement)\b", 2.0),
    (r"\btripl(?:er|é|ée|és|ées|ement)\b", 3.0),
    (r"\bquadrupl(?:er|é|ée|és|ées|ement)\b", 4.0),
    (r"\bdécupl(?:er|é|ée|és|ées|ement)\b", 10.0),
    (r"\bcentupl(?:er|é|ée|és|ées|ement)\b", 100.0),
    (r"\bquintupl(?:er|é|ée|és|ées|ement)\b", 5.0),
    (r"\bsextupl(?:er|é|ée|és|ées|ement)\b", 6.0),
    # German: "verdoppelt", "Verdopplung", "verdreifachen", "um das Dreifache", "doppelt so viel", "halbiert",
    # "die Hälfte", "ein Drittel", "zwei Drittel", "drei Viertel", "zehnmal"
    (r"\bverdopp(?:e?l)\w*", 2.0),
    *((rf"\bver{word}fach\w*", value) for word, value in _GERMAN_CARDINALS.items() if value > 2),
    (r"\bdoppelt\w*", 2.0),
    *((rf"\b{word}fach\w*", value) for word, value in _GERMAN_CARDINALS.items() if value > 2),
    *((rf"\b{word}mal\b", value) for word, value in _GERMAN_CARDINALS.items()),
    (r"\bhalbier\w*", 0.5),
    (r"\bhälfte\b", 0.5),
    (r"\bzwei[- ]drittel\b", 2 / 3),
    (r"\bdrittel\b", 1 / 3),
    (r"\bdrei[- ]viertel\b", 0.75),
    (r"\bviertel\b", 0.25),
    (r"\bfünftel\b", 0.2),
    (r"\bzehntel\b", 0.1),
    # Spanish: "el doble", "se duplicó", "triplicó", "la mitad", "un tercio", "dos tercios", "un cuarto"
    (r"\b(?:el|del|al)\s+doble\b", 2.0),
    *(
        (rf"\b{stem}{_SPANISH_VERB_ENDINGS}\b", value)
        for stem, value in (("duplic", 2.0), ("triplic", 3.0), ("cuadruplic", 4.0))
    ),
    (r"\b(?:el|del|al)\s+triple\b", 3.0),
    (r"\bmitad\b", 0.5),
    (r"\bdos[- ]tercios\b", 2 / 3),
    (r"\b(?:un|una)[- ]tercio\b", 1 / 3),
    (r"\btres[- ]cuartos\b", 0.75),
    (r"\bun[- ]cuarto\b", 0.25),
    (r"\bun[- ]quinto\b", 0.2),
    (r"\bun[- ]décimo\b", 0.1),
    # French "le tiers", "le quart" (des émissions); Portuguese "metade", Italian "la metà"
    (r"\ble[- ]tiers\b", 1 / 3),
    (r"\ble[- ]quart\b", 0.25),
    (r"\bmetade\b", 0.5),
    (r"\bmetà(?!\w)", 0.5),
]
#: fractions written as a numerator and a denominator in words, in each language the reader knows: (numerators,
#: denominators, the word after them). "two fifths", "trois cinquièmes", "zwei Fünftel", "dos quintos", "dois terços",
#: "due terzi", "um terço", "un terzo"; Spanish, Portuguese and Italian name a part: "la tercera parte", "una cuarta
#: parte", "tres cuartas partes", "a terça parte", "duas terças partes", "la terza parte". The value is the
#: numerator over the denominator, read from the words matched (_fraction_value)
_EN_NUMERATORS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_FR_NUMERATORS = {"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8, "neuf": 9}
_DE_NUMERATORS = {"ein": 1, "eine": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
                  "neun": 9}  # fmt: skip
_ES_NUMERATORS = {"dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "siete": 7, "ocho": 8, "nueve": 9}
_PT_NUMERATORS = {"dois": 2, "duas": 2, "três": 3, "tres": 3, "quatro": 4, "cinco": 5, "seis": 6, "sete": 7,
                  "oito": 8, "nove": 9}  # fmt: skip
_IT_NUMERATORS = {"due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sei": 6, "sette": 7, "otto": 8, "nove": 9}
_ES_PARTS = {"tercera": 3, "cuarta": 4, "quinta": 5, "sexta": 6, "séptima": 7, "octava": 8, "novena": 9,
             "décima": 10, "decima": 10, "centésima": 100, "milésima": 1000}  # fmt: skip
_PT_PARTS = {"terça": 3, "quarta": 4, "quinta": 5, "sexta": 6, "sétima": 7, "oitava": 8, "nona": 9, "décima": 10,
             "centésima": 100, "milésima": 1000}  # fmt: skip
_IT_PARTS = {"terza": 3, "quarta": 4, "quinta": 5, "sesta": 6, "settima": 7, "ottava": 8, "nona": 9, "decima": 10,
             "centesima": 100, "millesima": 1000}  # fmt: skip
_NUMBERED_FRACTIONS: list[tuple[dict[str, int], dict[str, int], str]] = [
    (_EN_NUMERATORS, {"thirds": 3, "quarters": 4, "fourths": 4, "fifths": 5, "sixths": 6, "sevenths": 7, "eighths": 8,
                      "ninths": 9, "tenths": 10}, ""),
    (_FR_NUMERATORS, {"tiers": 3, "quarts": 4, "cinquièmes": 5, "sixièmes": 6, "septièmes": 7, "huitièmes": 8,
                      "neuvièmes": 9, "dixièmes": 10}, ""),
    (_DE_NUMERATORS, {"drittel": 3, "viertel": 4, "fünftel": 5, "sechstel": 6, "siebtel": 7, "achtel": 8,
                      "neuntel": 9, "zehntel": 10}, ""),
    (_ES_NUMERATORS, {"tercios": 3, "cuartos": 4, "quintos": 5, "sextos": 6, "séptimos": 7, "octavos": 8,
                      "novenos": 9, "décimos": 10}, ""),
    ({"la": 1, "una": 1}, _ES_PARTS, r"[- ]parte"),
    (_ES_NUMERATORS, {part + "s": d for part, d in _ES_PARTS.items()}, r"[- ]partes"),
    ({"um": 1}, {"terço": 3, "quarto": 4, "quinto": 5, "sexto": 6, "sétimo": 7, "oitavo": 8, "nono": 9, "décimo": 10,
                 "centésimo": 100, "milésimo": 1000}, ""),
    (_PT_NUMERATORS, {"terços": 3, "quartos": 4, "quintos": 5, "sextos": 6, "sétimos": 7, "oitavos": 8, "nonos": 9,
                      "décimos": 10}, ""),
    ({"a": 1, "uma": 1}, _PT_PARTS, r"[- ]parte"),
    (_PT_NUMERATORS, {part + "s": d for part, d in _PT_PARTS.items()}, r"[- ]partes"),
    ({"un": 1}, {"terzo": 3, "quarto": 4, "quinto": 5, "sesto": 6, "settimo": 7, "ottavo": 8, "nono": 9,
                 "decimo": 10, "centesimo": 100, "millesimo": 1000}, ""),
    (_IT_NUMERATORS, {"terzi": 3, "quarti": 4, "quinti": 5, "sesti": 6, "settimi": 7, "ottavi": 8, "noni": 9,
                      "decimi": 10}, ""),
    ({"la": 1, "una": 1}, _IT_PARTS, r"[- ]parte"),
]  # fmt: skip


def _numbered_fraction(top: dict[str, int], bottom: dict[str, int], after: str, group: str = "(") -> str:
    """The pattern of one entry of :data:`_NUMBERED_FRACTIONS`, its numerator and denominator in ``group``s."""
    words = ("|".join(sorted(map(re.escape, side), key=len, reverse=True)) for side in (top, bottom))
    return r"\b{0}{1})[- ]{0}{2}){3}(?!\w)".format(group, *words, after)


_NUMBERED_FRACTION_PATTERNS = [
    (re.compile(_numbered_fraction(*entry), re.IGNORECASE), entry[0], entry[1]) for entry in _NUMBERED_FRACTIONS
]
# in the one alternation of every fraction word, no group is captured; the value is 0: _fraction_value reads it
_FRACTION_WORDS += [(_numbered_fraction(*entry, group="(?:"), 0.0) for entry in _NUMBERED_FRACTIONS]
#: a word stem every fraction or multiplier word holds: texts without one skip the word patterns
_FRACTION_STEMS = (
    "half",
    "halv",
    "third",
    "quarter",
    "fifth",
    "tenth",
    "twent",
    "hundredth",
    "thousandth",
    "twice",
    "thrice",
    "doubl",
    "tripl",
    "quadrupl",
    "fold",
    "tiers",
    "quart",
    "cinqui",
    "dixi",
    "moiti",
    "demi",
    "décupl",
    "vingtième",
    "centième",
    "millième",
    "fois et demi",
    "centupl",
    "quintupl",
    "sextupl",
    "septupl",
    "octupl",
    # German and Spanish ("-mal" and "-fach" after a German number word: "zehnmal", "dreifach")
    "dopp",
    "fach",
    "zweimal",
    "dreimal",
    "viermal",
    "fünfmal",
    "sechsmal",
    "siebenmal",
    "achtmal",
    "neunmal",
    "zehnmal",
    "zwanzigmal",
    "hundertmal",
    "tausendmal",
    "halbier",
    "hälfte",
    "drittel",
    "viertel",
    "fünftel",
    "zehntel",
    "doble",
    "duplic",
    "triplic",
    "cuadruplic",
    "triple",
    "mitad",
    "tercio",
    "cuarto",
    "quinto",
    "décimo",
    "le tiers",
    "le quart",
    "metade",
    "metà",
    # the denominators of the fractions written with a numerator ("tres cuartas partes", "due terzi")
    *sorted({bottom for _, bottoms, _ in _NUMBERED_FRACTIONS for bottom in bottoms}),
)
_CARDINAL_STEMS = (
    "thousand",
    "million",
    "billion",
    "trillion",
    "milliard",
    "mille",
    "millier",
    "times",
    "fois",
    "fold",
    "percent",
    "per cent",
    "pour cent",
    "day",
    "week",
    "month",
    "year",
    "hour",
    "jour",
    "semaine",
    "mois",
    "an",
    "heure",
    # German and Spanish ("drei Millionen", "tres veces", "vier Prozent", "dos años"); short words with the space
    # before them, so that "similar", "small" or "times" do not start a scan for nothing
    "tausend",
    " mio",
    " mrd",
    " mil",
    "llon",
    "veces",
    " mal",
    "prozent",
    "ciento",
    "jahr",
    "monat",
    " tag",
    "woche",
    "stunde",
    "año",
    " mes",
    "día",
    "semana",
    " hora",
)
#: a factor written as "multiplied by ten", "multiplié par dix", "une multiplication par quatre", "divided by
#: two", "divisé par deux": the
#: number word after it (digits are read as numbers already: "multiplié par 10" is 10)
_MULTIPLIED_STEMS = ("multipli", "divis", "divid", "factor", "facteur")
_FACTOR_WORDS = (
    r"\b(?:(?P<times>multipli(?:ed|es|ing|y|é|ée|és|ées|er|e|ent|ait|aient|cation))"
    r"|(?P<over>divid(?:ed|es|ing|e)|divis(?:é|ée|és|ées|er|e|ent|ait|aient|ion)))\s+(?:by|par)\s+(?P<word>{cardinals})\b(?!-)"
    # "by a factor of three", "d'un facteur trois", "un facteur de dix": a multiplier, or a divisor after a fall
    r"|\b(?P<factor>factor\s+of|facteur(?:\s+de)?)\s+(?P<factor_word>{cardinals})\b(?!-)"
)
#: one search for any stem of a list, not one substring test per stem (the lists grew with every language)
_MULTIPLIED_STEM_IN, _FRACTION_STEM_IN, _CARDINAL_STEM_IN = (
    re.compile("|".join(map(re.escape, stems))) for stems in (_MULTIPLIED_STEMS, _FRACTION_STEMS, _CARDINAL_STEMS)
)
_FRACTION_WORD = re.compile("|".join(f"(?:{p})" for p, _ in _FRACTION_WORDS), re.IGNORECASE)
_FRACTION_VALUES = [(re.compile(p, re.IGNORECASE), v) for p, v in _FRACTION_WORDS if v]


def _fraction_value(words: str) -> float:
    """The value of a fraction or multiplier in words (a match of :data:`_FRACTION_WORD`)."""
    for pattern, value in _FRACTION_VALUES:
        if pattern.fullmatch(words):
            return value
    for pattern, top, bottom in _NUMBERED_FRACTION_PATTERNS:
        if numbered := pattern.fullmatch(words):
            return top[numbered.group(1).lower()] / bottom[numbered.group(2).lower()]
    raise AssertionError(f"{words!r} matched no fraction word")  # the patterns are the alternation's own


#: cardinal words, read only when a scale, a unit or "times" follows (else "one of the" would be 1)
_CARDINALS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "a hundred": 100,
    "one hundred": 100,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
    "dix": 10,
    "douze": 12,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
    "cent": 100,
    # German
    "ein": 1,
    "eine": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "zwölf": 12,
    "zwanzig": 20,
    "hundert": 100,
    # Spanish
    "una": 1,
    "dos": 2,
    "tres": 3,
    "cuatro": 4,
    "cinco": 5,
    "seis": 6,
    "siete": 7,
    "ocho": 8,
    "nueve": 9,
    "diez": 10,
    "doce": 12,
    "quince": 15,
    "veinte": 20,
    "cien": 100,
}
#: the rest of the words of a number below a thousand, read alone or in a compound ("twenty-five", "a hundred and
#: fifty", "vingt-cinq", "soixante-dix-sept", "quatre-vingts", "fünfundzwanzig", "veinticinco", "treinta y dos"):
#: a compound is read whole by _cardinal_run_value, never as its last word ("twenty-five" is no 5)
_CARDINALS.update(
    {"thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "sixty": 60,
     "seventy": 70, "eighty": 80, "ninety": 90,
     "onze": 11, "treize": 13, "quatorze": 14, "seize": 16, "dix-sept": 17, "dix-huit": 18, "dix-neuf": 19,
     "quarante": 40, "cinquante": 50, "soixante": 60, "quatre-vingt": 80, "quatre-vingts": 80, "cents": 100,
     "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70, "achtzig": 80,
     "neunzig": 90,
     "trece": 13, "catorce": 14, "dieciséis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19,
     "treinta": 30, "cuarenta": 40, "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90,
     "ciento": 100}
)  # fmt: skip
_GERMAN_UNITS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8, "neun": 9}
_GERMAN_TENS = {"zwanzig": 20, "dreißig": 30, "vierzig": 40, "fünfzig": 50, "sechzig": 60, "siebzig": 70,
                "achtzig": 80, "neunzig": 90}  # fmt: skip
_CARDINALS.update(
    {f"{unit}und{ten}": u + t for unit, u in _GERMAN_UNITS.items() for ten, t in _GERMAN_TENS.items()}
)  # "fünfundzwanzig" is one word: 25
_CARDINALS.update(
    {"veinti" + unit: 20 + u for unit, u in (("uno", 1), ("ún", 1), ("una", 1), ("dós", 2), ("trés", 3),
     ("cuatro", 4), ("cinco", 5), ("séis", 6), ("siete", 7), ("ocho", 8), ("nueve", 9))}
)  # fmt: skip
_FACTOR = re.compile(
    _FACTOR_WORDS.format(cardinals="|".join(sorted(map(re.escape, _CARDINALS), key=len, reverse=True))),
    re.IGNORECASE,
)
_CARDINAL_WORDS = "|".join(sorted(map(re.escape, _CARDINALS), key=len, reverse=True))
#: what joins the words of one number: a hyphen or a space ("twenty-five", "twenty five"), "and" after "hundred"
#: ("a hundred and fifty"), "et" before "un"/"une"/"onze" ("vingt et un"), "y" after a Spanish ten ("treinta y dos")
_CARDINAL_JOIN = (
    r"(?:-|[ \u00a0](?:(?<=hundred[ \u00a0])and[ \u00a0]|(?<=[a-z][ \u00a0])et[ \u00a0](?=une?\b|onze\b)"
    r"|(?<=nta[ \u00a0])y[ \u00a0])?)"
)
_CARDINAL_TOKEN = re.compile(r"\b(?:" + _CARDINAL_WORDS + r")\b", re.IGNORECASE)
#: number words going on after a scale word ("two thousand five hundred", "deux millions cinq cent mille")
_NUMBER_WORDS_GO_ON = re.compile(
    r"(?:[ \u00a0-](?:and[ \u00a0]|et[ \u00a0]|y[ \u00a0])?(?:"
    + _CARDINAL_WORDS
    + r"|thousand|millions?|billions?|trillions?|mille|milliards?|tausend|millionen|milliarden?|mil|millones|millón)\b)+",
    re.IGNORECASE,
)
#: the words after which a number in words is read (_CARDINAL)
_CARDINAL_FOLLOWERS = (
    # a duration in words ("five days", "cinq jours") is a number too: counts of time are written so in prose
    r"[ \u00a0](?:thousand|million|billion|trillion|milliards?|millions?|milliers?|mille|times|fois|fold|percent|per cent|pour cent"
    r"|days?|weeks?|months?|years?|hours?|jours?|semaines?|mois|ans|années|heures?"
    # German and Spanish: "drei Millionen", "zwei Mrd.", "tres veces", "dos mil millones", "vier Prozent", "dos años"
    r"|tausend|millionen|milliarden?|billionen|mio|mrd|tsd|mil|millones|millón|millardos?|billones|billón|veces|mal"
    r"|prozent|por ciento|jahre?n?|monate?n?|tagen?|wochen?|stunden?|años?|meses|mes|días?|semanas?|horas?)\b"
)
#: one search for a follower before scanning the text for numbers in words (a long alternation at every position)
_CARDINAL_FOLLOWER = re.compile(_CARDINAL_FOLLOWERS, re.IGNORECASE)
_CARDINAL = re.compile(
    # a number word after a hyphen is the end of a compound ("-five" of "twenty-five"), never a number alone;
    # "a" is one before a scale word ("a billion dollars")
    r"(?<![-\w])(?:(?P<a>a)(?=[ \u00a0](?:thousand|million|billion|trillion)\b)"
    r"|(?P<run>(?:" + _CARDINAL_WORDS + r")(?:" + _CARDINAL_JOIN + r"(?:" + _CARDINAL_WORDS + r"))*))"
    r"(?=" + _CARDINAL_FOLLOWERS + r")",
    re.IGNORECASE,
)

_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_MINUS = "-\u2212\u2013\ufe63\uff0d"

# A number's core: grouped digits (one kind of separator per number), or plain digits, then a decimal part.
#: the spaces that group digits: a space, a no-break space, a narrow no-break space, a thin space (SI style)
_GROUP_SPACES = " \u00a0\u202f\u2009"
_GROUP_SPACE = "[" + _GROUP_SPACES + "]"
#: decimals grouped by threes with spaces, as the SI Brochure, CODATA and NIST print them: ".022 140 76" of
#: "6.022 140 76", ".035 999 084" of "137.035 999 084", ".109 383 7015" of "9.109 383 7015" (the last group has one to
#: four digits). Such a number is one number, never also split into cells as "280 450 450" is: "137.035 999 084"
#: states neither 137.035 nor 999, and a power of ten after it multiplies the whole of it. As a table copied without
#: its separators may print "1.287 552" (two cells), the decimals are so read when they are grouped by thin or
#: narrow no-break spaces (never put between cells), when they make three groups at least, or when an uncertainty
#: or a power of ten follows two ("6.674 30(15) × 10−11", "1.380 649 × 10−23")
_NOT_GOING_ON = r"(?!\d|[.,]\d)"
_GROUPED_DECIMALS = (
    r"[.,]\d{3}(?:"
    r"(?:[\u2009\u202f]\d{3})*[\u2009\u202f]\d{1,4}" + _NOT_GOING_ON
    + r"|(?:" + _GROUP_SPACE + r"\d{3})+" + _GROUP_SPACE + r"\d{1,4}" + _NOT_GOING_ON
    + r"|" + _GROUP_SPACE + r"\d{1,4}(?=\(\d|" + _GROUP_SPACE + r"?(?:±|\+/|\+-|[×x*·]" + _GROUP_SPACE
    + r"?10|\\times)))"
)  # fmt: skip
#: decimals grouped by spaces, two groups or more, wherever they stand (an uncertainty: "± 0.000 002")
_SPACED_DECIMAL = re.compile(r"\d+[.,]\d{3}(?:" + _GROUP_SPACE + r"\d{3})*" + _GROUP_SPACE + r"\d{1,4}" + _NOT_GOING_ON)
#: a number whose decimals are so grouped, its integer part grouped by spaces too or not at all ("12 345.678 9")
_SI_GROUPED = r"(?:(?!0)\d{1,3}(?:" + _GROUP_SPACE + r"\d{3})+|\d+)" + _GROUPED_DECIMALS
_GROUPED = (
    # a number's first group never starts with 0: "0,429" is a decimal, never 429 grouped
    r"(?!0)\d{1,2},\d{2}(?:,\d{2})*,\d{3}(?:\.\d+)?(?![\d,])"  # Indian grouping: 2,00,000 (two lakh)
    # "{,}" is LaTeX's grouping comma, left in abstracts copied from their source
    # a group is exactly three digits: "0.0003" is a decimal, never 0.000 then 3
    r"|(?!0)\d{1,3}(?P<sep>\{,\}|[,.'’" + _GROUP_SPACES + r"])\d{3}(?:(?P=sep)\d{3})*(?:[.,]\d+)?(?!\d)"
)
_PLAIN = r"\d+(?:[.,]\d+)?|[.,]\d+"
_DECIMAL = re.compile(r"\d*[.,]\d+")
#: the sign of a product before a power of ten, LaTeX's ("3.14 \\times 10^{23}") among them
_TIMES = r"(?:[×x*·]|\\times|\\cdot)"
_SCI = (
    r"(?:[eE][-+\u2212]?\d+"
    # a power of ten after "×" needs its exponent marked ("^", "**", superscripts, or a minus, as a PDF
    # flattens 10⁻³): "1920×1080", "8x100", "2 × 1024" are dimensions or products, two numbers
    r"|\s?" + _TIMES + r"\s?10(?:(?:\^|\*\*)[-+\u2212]?\d+|\^\{[-+\u2212]?\d+\}|[-\u2212]\d+)"
    r"|\s?" + _TIMES + r"\s?10[⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
)
_NUMBER = re.compile(
    r"(?P<sign>[-+\u2212\u2013](?=\d))?"
    r"(?P<core>(?P<si>" + _SI_GROUPED + r")|(?:" + _GROUPED + r")|(?:" + _PLAIN + r"))"
    r"(?P<sci>" + _SCI + r")?"
)
_SCI_AT = re.compile(_SCI)
#: the sign between a value and its uncertainty: "210 ± 5", "210 +/- 5", "210 +- 5"; a number follows it
_PLUS_MINUS = re.compile(
    r"[ \u00a0\u202f\u2009]?(?:±|\+[ \u00a0]?/[ \u00a0]?[-\u2212]|\+[-\u2212])[ \u00a0\u202f\u2009]?(?=[.,]?\d)"
)
#: an uncertainty in the last digits, in brackets glued to a decimal, as CODATA prints it: the "(67)" of
#: "1.2345(67)" is 0.0067, the "(15)" of "6.674 30(15)" 0.000 15
_CONCISE_UNCERTAINTY = re.compile(r"\((\d{1,4})\)")
_CLOSING_BRACKET = re.compile(r"[ \u00a0\u202f\u2009]?\)")
_ANOTHER_WORD = re.compile(r"[ \u00a0\u202f\u2009]?[^\s\d.,;:()\[\]]")
#: a word between a value and its uncertainty, a unit the reader does not read ("210 GPa ± 5 GPa")
_WORD_BEFORE_PLUS_MINUS = re.compile(
    r"[ \u00a0\u202f\u2009][^\s\d±()]{1,12}(?=[ \u00a0\u202f\u2009]?(?:±|\+[ \u00a0]?/|\+[-\u2212]))"
)
# "10^{23}" is LaTeX's power of ten, left in abstracts copied from their source
_POWER_OF_TEN = re.compile(r"(?<![\d.,])10(?:\^\{?([-+\u2212]?\d+)\}?|([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+))")
_SCALE_AFTER = re.compile(
    r"(?:(?P<letter>[kKMBGT])(?![A-Za-zÀ-ÿ0-9])|[ \u00a0](?P<letter_spaced>[MB])(?= [a-zà-ÿ])|[ \u00a0\u202f]?(?P<word>bn|mn|mln|mld|mrd|Mds?|Md)(?![A-Za-zÀ-ÿ0-9])"
    r"|[ \u00a0\u202f-](?P<long>thousands?|millions?|billions?|trillions?|quadrillion|milliards?|mille|milliers?)\b"
    # German (its nouns capitalised) and Spanish: "16 Mrd. kWh", "7,6 Mio. t", "2 Millionen", "1,2 Billionen",
    # "3,5 millones", "1,2 mil millones" (10⁹), "2 billones" (10¹²); "Million", "Billion" as a German noun
    r"|[ \u00a0\u202f-](?P<abbreviation>Mio|Mrd|Tsd)(?:\.|(?![A-Za-zÀ-ÿ0-9]))"
    r"|[ \u00a0\u202f-](?P<noun>[Tt]ausend|[Mm]illionen|[Mm]illiarden?|[Bb]illionen|[Bb]illiarden?|Million|Billion"
    r"|mil[ \u00a0]millones|mil[ \u00a0]milhões|millón|millones|millardos?|billón|billones|mil"
    # Italian, Portuguese and Dutch, in small letters: "1,2 milioni", "850 miliardi", "32 mila", "2 milhões",
    # "R$ 3 bilhões", "3 biliões", "3 miljoen", "2 miljard", "1,5 biljoen", "32 duizend"
    r"|milion[ei]|miliard[oi]|bilion[ei]|migliai[ao]|mila|milhão|milhões|bilhão|bilhões|bilião|biliões|trilhão"
    r"|trilhões|miljoen|miljard|biljoen|duizend)\b"
    # Italian writes thousands glued to the digits: "32mila"
    r"|(?P<glued>mila)(?![A-Za-zÀ-ÿ0-9]))"
)
#: a word after a number that looks like a scale the reader does not know ("5 Milliónen", "3 Mia.", "2 lakh",
#: "4 miljoen"): the number is not taken in the claim's unit (its unit is not read), as it might be 10⁶ times it
_SCALE_NOT_READ_AFTER = re.compile(
    r"[ \u00a0\u202f-](?:(?:[Mm]ill|[Bb]ill|[Tt]rill|[Qq]uadrill)(?:i?[oó]|ia|a)[a-zà-ÿ]*|[Mm]ili?on[a-zà-ÿ]*"
    r"|[Mm]iliard[a-zà-ÿ]*|[Mm]ilj[a-zà-ÿ]*|[Bb]ilj[a-zà-ÿ]*|Mia\.|Bio\.|[Ll]akhs?|[Cc]rores?"
    # the Portuguese, Italian and Dutch words the reader does not read (those it reads are scales, _SCALE_AFTER, and
    # never reach here): capitalised ("3 Mila", a name as often), Portugal's "trilião" (10¹⁸ or 10¹²), Italian
    # "trilione", Dutch "triljoen"; Polish and Czech "bln" (10¹²)
    r"|[Mm]ilh[ãõoa][a-zà-ÿ]*|[Bb]ilh[ãõoa][a-zà-ÿ]*|[Tt]rilh[ãõoa][a-zà-ÿ]*|[Bb]ili[ãõo][a-zà-ÿ]*|[Mm]ila"
    r"|[Tt]rili[ãõo][a-zà-ÿ]*|[Tt]rilion[a-zà-ÿ]*|[Tt]rilj[a-zà-ÿ]*|[Mm]ld\.?|[Bb]ln\.?)(?![A-Za-zÀ-ÿ0-9])"
)
#: a difference of percentages in words ("1.7 percentage points", "3,5 points de pourcentage", "3,5 Prozentpunkte",
#: "3,5 puntos porcentuales", "3,5 punti percentuali", "3,5 procentpunten"): read in percent, as QUDT has no unit of
#: its own for it and a difference of two percentages is in percent ("10.6 % − 8.9 % = 1.7 percentage points")
_PERCENTAGE_POINTS = re.compile(
    r"[ \u00a0\u202f]?(?:percentage[ -]points?|per[ -]?cent(?:age)?[ -]points?|points? de pourcentage"
    r"|[Pp]rozentpunkte?n?|puntos? porcentual(?:es)?|punt[io] percentual[ei]|pontos? percentua(?:is|l)"
    r"|procentpunt(?:en)?)(?![A-Za-zÀ-ÿ0-9])",
    re.IGNORECASE,
)
#: abbreviated points, whose unit is not read: "3.5 pp" (pages as often), "3,5 p.p.", "50 basis points", "50 bps"
_POINTS_NOT_READ = re.compile(r"[ \u00a0\u202f]?(?:pp\.?|p\.p\.|basis points?|bps)(?![A-Za-zÀ-ÿ0-9])", re.IGNORECASE)
#: points after a percent sign: "3.5 % points", "3.5%-points", "3,5 %-Punkte" (in percent, as the words above)
_POINTS_AFTER_PERCENT = re.compile(r"[ \u00a0-]?(?:points?|pts?|[Pp]unkte?)(?![A-Za-zÀ-ÿ0-9])")
#: cents after a number: "10 cents", "10¢", "10 c€", "10 euro cents", "10 US cents", "40 ct" (German price tables'
#: euro cent, "40 ct/kWh"); ¢ and "US cents" are the dollar's, bare "cents" the dollar's or, in a text in one of
#: _EURO_CENT_LANGUAGES, the euro's first
_CENTS = re.compile(
    r"[ \u00a0\u202f]?(?:(?P<us>¢|US[ \u00a0]cents?)|(?P<euro>c€|euro[ -]?cents?|(?-i:[Cc]t))|cents?)"
    r"(?![A-Za-zÀ-ÿ0-9€])",
    re.IGNORECASE,
)
#: the languages whose "Cent", "cents" after a number is the euro's before the dollar's ("40 Cent pro
#: Kilowattstunde" is 0.40 EUR/kWh); in English it is the dollar's first, the euro's among the others
_EURO_CENT_LANGUAGES = frozenset({"de", "fr", "es", "it"})
#: money written before a number: "$4.6 million", "US$ 2,00,000", "€4.6M", "£3bn", "USD 4.6 million",
#: "CHF 5"; the unit of the number, unless a unit follows it
_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z$])(?P<dollar>US|AU|A|CA|C|HK|NZ|S|R)?\$|(?P<sign>[€£¥₹₩₽])"
    r"|(?<![A-Za-z])(?P<code>" + "|".join(_CURRENCY_CODES) + r"))[ \u00a0\u202f]?\Z"
)
_DOLLAR_PREFIXES = {"US": "USD", "AU": "AUD", "A": "AUD", "CA": "CAD", "C": "CAD", "HK": "HKD", "NZ": "NZD",
                    "S": "SGD", "R": "BRL"}  # fmt: skip
#: "de", "di" or "d'" between a scale word and a unit: "4,6 millions de dollars", "1,3 millier de MWh", "2 milhões de
#: toneladas", "1,2 milioni di tonnellate" (Dutch puts none: "3 miljoen ton")
_DE_BEFORE_UNIT = re.compile(r"[ \u00a0](?:de\s|di\s|d['’]\s?)", re.IGNORECASE)
_FRACTION = re.compile(r"(?<![\w/.,])(\d+)\s?/\s?(\d+)(?:st|nd|rd|th)?(?![\w/]|[.,]\d)")
_RANGE_JOIN = re.compile(r"\s?(?:[–—-]|to|à|a|au|and|et|through|jusqu'à|bis|und|y|hasta)\s?", re.IGNORECASE)
#: the word before a number that makes it a locator, not a quantity ("Table 4", "p. 12", "n° 555")
_LOCATOR_WORDS = {
    "p.",
    "pp.",
    "p",
    "pp",
    "page",
    "pages",
    "table",
    "tab.",
    "fig.",
    "fig",
    "figure",
    "section",
    "sec.",
    "sect.",
    "chapter",
    "eq.",
    "equation",
    "appendix",
    "volume",
    "vol.",
    "issue",
    "no.",
    "article",
    "art.",
    "annexe",
    "tableau",
    "chapitre",
    "ref.",
    "n°",
    "version",
    "v",
    "§",
    # German
    "s.",
    "seite",
    "seiten",
    "tabelle",
    "abb.",
    "abb",
    "abbildung",
    "kapitel",
    "kap.",
    "abschnitt",
    "anhang",
    "nr.",
    # Spanish
    "pág.",
    "págs.",
    "página",
    "páginas",
    "tabla",
    "cuadro",
    "figura",
    "gráfico",
    "capítulo",
    "cap.",
    "sección",
    "anexo",
    "núm.",
    # Dutch
    "blz.",
    "blz",
    "bladzijde",
    "bladzijden",
    "pagina",
    "tabel",
    "figuur",
    "afb.",
    "afbeelding",
    "grafiek",
    "hoofdstuk",
    "hfst.",
    "paragraaf",
    "bijlage",
}
_YEAR = re.compile(r"(?:19|20)\d\d")
_MONTHS = (
    r"janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|January|February|"
    r"March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Aug\.|"
    r"Sept?\.?|Oct\.?|Nov\.?|Dec\.?|Jan\b|Feb\b|Mar\b|Apr\b|Aug\b|janv\.|févr\.|avr\.|juil\.|sept\.|oct\.|"
    r"nov\.|déc\.|"
    # German ("3. März 2024") and Spanish ("3 de marzo de 2024")
    r"Januar|Jänner|Februar|März|Juni|Juli|Oktober|Dezember|Mär\.|Okt\.|Dez\.|enero|febrero|marzo|abril|mayo|junio|"
    r"julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene\.|abr\.|ago\.|dic\."
)
_DATE_AFTER = re.compile(r"(?:er|\.)?\s(?:de\s)?(?:" + _MONTHS + r")\b")
#: a date written in digits, day first ("Stand: 31.12.2024", "3.3.2024"): no quantity
_NUMERIC_DATE = re.compile(r"(?<![\d.,])(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:19|20)\d\d(?![\d]|[.,]\d)")
#: the word before a four-digit number that makes it a year ("in 2023", "fiscal 2024", "le 17 décembre 2001")
_YEAR_WORDS = {
    "in",
    "en",
    "since",
    "depuis",
    "by",
    "ici",
    "of",
    "from",
    "to",
    "until",
    "till",
    "between",
    "entre",
    "et",
    "and",
    "de",
    "du",
    "à",
    "au",
    "année",
    "années",
    "year",
    "years",
    "fin",
    "début",
    "mid",
    "late",
    "early",
    "circa",
    "ca",
    "dès",
    "after",
    "before",
    "après",
    "avant",
    "fiscal",
    "fy",
    "its",
    "their",
    "the",
    "our",
    "this",
    "that",
    "ce",
    "cette",
    "le",
    "la",
    "les",
    "son",
    "sa",
    "ses",
    "leur",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    # German
    "bis",
    "seit",
    "im",
    "jahr",
    "jahre",
    "jahres",
    "ab",
    "vor",
    "nach",
    "zwischen",
    "und",
    "von",
    "vom",
    "zum",
    "um",
    "anfang",
    "ende",
    "mitte",
    "januar",
    "jänner",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
    # Spanish
    "hasta",
    "desde",
    "año",
    "años",
    "del",
    "el",
    "y",
    "para",
    "antes",
    "después",
    "finales",
    "principios",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "setiembre",
    "octubre",
    "noviembre",
    "diciembre",
}
_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
_DIMENSIONS = re.compile(r"[x×]\d")  # "512x512", "1920×1080"
#: words after which digits are part of a name: "Scope 3", "GTX 1080", "ChatGPT 3.5", "Llama 2"
#: words after which digits are part of a name: "Scope 3", "GTX 1080", "ChatGPT 3.5", "Llama 2", "ISO 14040"
_NAME_WORDS = {
    "Scope",
    "Tier",
    "Phase",
    "Level",
    "Class",
    "Type",
    "Gen",
    "Generation",
    "Version",
    "Release",
    "Windows",
    "GTX",
    "RTX",
    "Tesla",
    "ChatGPT",
    "GPT",
    "Llama",
    "LLaMA",
    "Claude",
    "Gemini",
    "Mistral",
    "Large",
    "Small",
    "Medium",
    "Ultra",
    "Qwen",
    "Falcon",
    "Gemma",
    "Phi",
    "iPhone",
    "Pixel",
    "Galaxy",
    "Transformer",
    "ISO",
    "IEC",
    "PM",  # particulate matter: "PM 2.5", "PM 10" name a pollutant, as "PM2.5" does
    "RFC",
    "NF",
    "EN",
}
_RANGE_OPENERS = {"between", "from", "entre", "de", "d'", "du", "zwischen", "von", "vom", "desde"}


def _word(word: str) -> str:
    """A word as the look-back sets spell it: lower case, without an opening bracket or an elided
    article ("(page" is "page", "d’ici" is "ici")."""
    return re.split(r"['’]", word.lower().lstrip("([{«\"'"))[-1]


def _after_locator(before: str) -> bool:
    stripped = before.rstrip()
    if stripped.endswith("["):
        return True
    words = stripped.split()
    return bool(words) and _word(words[-1]) in _LOCATOR_WORDS


def _after_name(before: str) -> bool:
    words = before.split()
    return bool(words) and before[-1:] == " " and words[-1] in _NAME_WORDS


def is_table_row(text: str) -> bool:
    """A quote marked as a table row: its cells are separated by ``|`` or tabs."""
    return "|" in text or "\t" in text


# ------------------------------------------------------------------ reading


@lru_cache(maxsize=4096)
def read_numbers(text: str, languages: tuple[str, ...] = ("en", "fr")) -> Reading:
    """Every number ``text`` states, each with every reading (the first one preferred by ``languages[0]``).

    A table row (cells separated by ``|`` or tabs) is read cell by cell, so that two cells are never
    read as one number; elsewhere a run of space-separated groups of three digits is read both as
    one number and as separate numbers.

    >>> [n.value for n in read_numbers("GPT-3 (175B) emitted 552 tCO2e").numbers]
    [175000000000.0, 552.0]
    >>> read_numbers("1,3 GWh", ("fr",)).numbers[0].readings
    (1.3,)
    """
    if "\u00b7" in text:
        return _with_middle_dot_decimals(text, languages)
    return _read(text, languages)


def _read(text: str, languages: tuple[str, ...]) -> Reading:
    """:func:`read_numbers` of a text without decimal middle dots."""
    language = (languages[0] if languages else "en").split("-")[0].lower()
    # "billion" is 10¹² only in a text that may be in a language counting on the long scale (docs/numbers.md)
    long_scale = any(lang.split("-")[0].lower() in _LONG_SCALE_LANGUAGES for lang in languages)
    if is_table_row(text):
        numbers: list[NumberInText] = []
        ranges: list[RangeInText] = []
        offset = 0
        for cell in re.split(r"([|\t])", text):
            if cell not in ("|", "\t"):
                part = _read_prose(cell, language, separate_groups=False, long_scale=long_scale)
                numbers.extend(_shift(n, offset) for n in part.numbers)
                ranges.extend(RangeInText(_shift(r.low, offset), _shift(r.high, offset)) for r in part.ranges)
            offset += len(cell)
        return Reading(tuple(numbers), tuple(ranges))
    return _read_prose(text, language, separate_groups=True, long_scale=long_scale)


#: a middle dot between digits is the decimal point of The Lancet's style ("HR 0·76", "PM2·5"), unless a power of
#: ten follows it, as the sign of a product ("2·10⁻³", "3·10^5", "2·10-3" flattened by a PDF)
_MIDDLE_DOT_DECIMAL = re.compile(r"(?<=\d)\u00b7(?=\d)(?!10(?:[⁻⁺⁰¹²³⁴⁵⁶⁷⁸⁹]|\^|\*\*|[-\u2212]\d))")


def _with_middle_dot_decimals(text: str, languages: tuple[str, ...]) -> Reading:
    """:func:`read_numbers` of a text whose middle dots between digits are decimal points: read with a "." in their
    place (one character for one, so every offset holds), each number's words then shown as printed."""
    dotted = _MIDDLE_DOT_DECIMAL.sub(".", text)
    if dotted == text:
        return _read(text, languages)
    reading = _read(dotted, languages)

    def printed(number: NumberInText) -> NumberInText:
        if dotted[number.start : number.end] == number.written:
            return replace(number, written=text[number.start : number.end])
        return number

    return Reading(
        tuple(map(printed, reading.numbers)),
        tuple(RangeInText(printed(r.low), printed(r.high)) for r in reading.ranges),
    )


def _shift(number: NumberInText, offset: int) -> NumberInText:
    return replace(number, start=number.start + offset, end=number.end + offset)


def _read_prose(text: str, language: str, separate_groups: bool, long_scale: bool = True) -> Reading:
    """The numbers of a text without table cells: fractions first (so "1/3" is not 1 and 3), then
    powers of ten, numerals, and numbers in words, each in the part of the text left free."""
    scan = _Scan(text, language, long_scale)
    scan.fractions()
    scan.powers_of_ten()
    scan.numerals(separate_groups)
    scan.words()
    numbers = sorted(scan.numbers, key=lambda n: (n.start, -n.end))
    reading = _pair_ranges(text, _apply_prefix_multipliers(text, numbers))
    if any(n.unit and n.unit.startswith(_PER_DECADE) for n in reading.numbers):
        reading = _per_year(reading)
    return reading


def _per_year(reading: Reading) -> Reading:
    """The numbers read per decade ("0.2 °C per decade", "0.1–0.3 K/decade", a range's first bound taking its
    unit from the second) read per year: a tenth of the number, in the per-year unit."""
    yearly: dict[int, NumberInText] = {}
    for number in reading.numbers:
        if number.unit and number.unit.startswith(_PER_DECADE):
            yearly[id(number)] = replace(
                number,
                unit=number.unit[len(_PER_DECADE) :],
                readings=tuple(_clean(r / 10) for r in number.readings),
                half_unit=number.half_unit / 10,
                uncertainty=number.uncertainty / 10,
                per_decade=True,
            )

    def one(number: NumberInText) -> NumberInText:
        return yearly.get(id(number), number)

    return Reading(
        tuple(one(n) for n in reading.numbers), tuple(RangeInText(one(r.low), one(r.high)) for r in reading.ranges)
    )


class _Scan:
    """One text being read: the numbers found so far and the spans they take."""

    def __init__(self, text: str, language: str, long_scale: bool = True):
        self.text, self.language, self.long_scale = text, language, long_scale
        self.numbers: list[NumberInText] = []
        # the spans taken, which never overlap, sorted by start: a new span can only overlap the
        # last one starting before its end (a table of thousands of numbers stays linear-logarithmic)
        self.starts: list[int] = []
        self.ends: list[int] = []

    def free(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)
        return i == 0 or self.ends[i - 1] <= start

    def add(self, number: NumberInText) -> None:
        self.numbers.append(number)
        self.take(number.start, number.end)

    def take(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def fractions(self) -> None:
        text = self.text
        for match in _FRACTION.finditer(text):
            numerator, denominator = int(match.group(1)), int(match.group(2))
            before = _before(text, match.start())
            if denominator == 0 or _after_locator(before) or _after_name(before):
                continue
            unit, end = _unit_after(text, match.end())
            if unit and unit.startswith(UNIT_NS) and _is(unit[len(UNIT_NS) :], _PRESSURE):
                # "BP 120/80 mmHg", "≥140/90 mm Hg": a systolic and a diastolic pressure, both in the unit after
                # them, never their quotient
                for value, start, stop in (
                    (numerator, match.start(1), match.end(1)),
                    (denominator, match.start(2), end),
                ):
                    self.add(NumberInText(text[start:stop], start, stop, (float(value),), unit, 0.5))
                continue
            # a fraction is a ratio: "1/6" of the energy is 16.7 %
            self.add(
                NumberInText(
                    match.group(0), match.start(), end, (numerator / denominator,), unit or UNIT_NS + "UNITLESS"
                )
            )

    def powers_of_ten(self) -> None:
        text = self.text
        for match in _POWER_OF_TEN.finditer(text):
            if not self.free(match.start(), match.end()) or _glued_before(text, match.start()):
                continue
            # "3.14 × 10²³": the mantissa's pattern reads it whole; a power of ten alone stands for itself
            before = _before(text, match.start()).rstrip()
            if before.endswith(("×", "*", "·", "\\times", "\\cdot")) or re.search(r"\d\s?x$", before):
                continue
            exponent = (match.group(1) or match.group(2).translate(_SUPERSCRIPT)).replace("\u2212", "-")
            try:
                value = 10.0 ** int(exponent)
            except (OverflowError, ValueError):  # beyond a double, or a lone sign: no quantity
                continue
            unit, end = _unit_after(text, match.end())
            self.add(NumberInText(match.group(0), match.start(), end, (_clean(value),), unit))

    def numerals(self, separate_groups: bool) -> None:
        text, language = self.text, self.language
        for match in _NUMBER.finditer(text):
            start, end, core, sci = match.start(), match.end(), match.group("core"), match.group("sci")
            if not self.free(start, end):
                continue
            if text.startswith(".", end) and (date := _NUMERIC_DATE.match(text, start)):
                self.take(start, date.end())  # "Stand: 31.12.2024" is a date: neither 31.12 nor 2024 is read
                continue
            if match.group("sign") and start > 0 and not (text[start - 1].isspace() or text[start - 1] in "([~≈:=/"):
                start += 1  # "130-1500": a hyphen between digits joins a range, it is no minus
            if _not_a_quantity(text, start, end, core):
                continue
            readings = _core_readings(core, language)
            if not readings:
                continue
            # "210 ± 5 GPa", "(6.9 ± 0.3) × 10⁻³", "6.674 30(15) × 10−11": the uncertainty is no number of its own;
            # the power of ten, scale and unit after it are the value's
            uncertainty, opening = 0.0, start
            if not sci and (with_uncertainty := _uncertainty_after(text, start, end, core, language)):
                uncertainty, end, sci, opening = with_uncertainty
            half_unit = _half_unit(core)
            if sci and _DECIMAL.fullmatch(core):
                # "1.287e3", "7,725 × 10^23": a mantissa is a decimal, never grouped; one reading
                readings, half_unit = (float(core.replace(",", ".")),), 0.5 * 10.0 ** -len(re.split("[.,]", core)[1])
            elif sci:
                readings = readings[:1]  # "1,287.5e3": the separators' reading the language prefers, one
            negative = text[start] in _MINUS
            scales, end = _scale_after(text, end, language, self.long_scale)
            try:
                power = 10.0 ** _exponent(sci) if sci else 1.0
            except OverflowError:  # "1E400" is beyond a double: no quantity a registry can hold
                continue
            money = None if negative else _currency_before(text, start)
            if scales[0] == 1.0 and not sci and (million := _money_million(text, start, end)):
                scales, end = (1e6,), million  # "£40m", "40m euros": m glued to money is a million, never a metre
            if scales[0] == 1.0 and not sci and not money and (cents := _CENTS.match(text, end)):
                # "10 cents per kWh", "10¢/kWh", "10 c€/kWh", "40 ct/kWh": a hundredth of the currency (¢ is the US
                # cent, ct the euro's, bare cents the euro's first in a German, French, Spanish or Italian text)
                scales, end = (0.01,), cents.end()
                euro = cents.group("euro") or (not cents.group("us") and self.language in _EURO_CENT_LANGUAGES)
                money = ("CCY_EUR" if euro else "CCY_USD", start)
            if (
                scales[0] == 1.0
                and not sci
                and not negative
                and not money
                and _YEAR.fullmatch(core)
                and _is_price_year(text, start, end)
            ):
                continue  # "in 2015 USD", "(2015 dollars)", "constant 2020 EUR": the year of the prices, no amount
            if (
                scales[0] == 1.0
                and not sci
                and not negative
                and _YEAR.fullmatch(core)
                and not _unit_after(text, end)[0]
                and not money
                and not _DIMENSIONS.match(text, end)  # "of 1920×1080 pixels": a dimension, no year
                and _is_year(text, start, end)
            ):
                continue  # a year standing alone
            if (
                scales[0] == 1.0
                and not sci
                and not negative
                and not money
                and _OPENING_YEAR.fullmatch(core)
                and not _unit_after(text, end)[0]
                and not _UNIT_NOT_READ_AFTER.match(text, end)
                and not _SCALE_NOT_READ_AFTER.match(text, end)
                and _opens_sentence(text, start)
                and _word_follows(text, end, language)
            ):
                continue  # "2023 wurden 525 TWh verbraucht", "2019 saw 120 Mt emitted": a year opening a sentence
            values = tuple(_clean(r * scale * power * (-1 if negative else 1)) for scale in scales for r in readings)
            if negative:
                values += tuple(abs(v) for v in values)  # "−48.6 %" also reads as a fall of 48.6 %
            unit, unit_end = _unit_after(text, end, after_scale=scales[0] != 1.0)
            if money and unit is not None and (unit == UNIT_NS + "M" or unit.startswith(UNIT_NS + "M-PER-")):
                unit = None  # "$5 m": money (its "m" a scale the reader does not read), never metres
            if unit is None and (points := _PERCENTAGE_POINTS.match(text, end)):
                unit, unit_end = UNIT_NS + "PERCENT", points.end()  # "1.7 percentage points": a difference in %
            elif unit is None and (points := _POINTS_NOT_READ.match(text, end)):
                unit, unit_end = UNIT_NOT_READ, points.end()  # "3.5 pp", "50 bps": pages as often, or basis points
            elif unit == UNIT_NS + "PERCENT" and (points := _POINTS_AFTER_PERCENT.match(text, unit_end)):
                unit_end = points.end()  # "3.5 % points", "3.5%-points": in percent, as "percentage points"
            # a word like a scale the reader does not know leaves the unit not read, money before the number or a
            # scale read before it notwithstanding ("R$ 3,5 bilhões", "€1,2 miliardi", "1,2 mil milhões")
            unread_scale = _SCALE_NOT_READ_AFTER.match(text, end) if unit is None else None
            if unread_scale:
                unit, unit_end = UNIT_NOT_READ, unread_scale.end()
            elif unit is None and money:
                # "$4.6 million", "$0.078/kWh": the money before the number is its unit (or a rate's numerator)
                unit, unit_end = _rate(money[0], text, end)
                start = money[1]
            elif unit is None and (rate := _per_population(text, end)):
                # "12.5 per 100,000 person-years": a rate, its denominator's scale no number of its own
                unit, per_year, unit_end = rate
                if per_year:
                    # "12.5 per 100,000" without its period: a ratio, and also the yearly rate that incidence
                    # and mortality printed so mean
                    self.numbers.append(
                        NumberInText(
                            text[start:unit_end], start, unit_end, _unique(values), per_year,
                            half_unit * scales[0] * power, alternative=True,
                        )
                    )  # fmt: skip
            elif unit is None:
                unread = _UNIT_NOT_READ_AFTER.match(text, end)
                if unread:
                    unit, unit_end = UNIT_NOT_READ, unread.end()
            if unit == UNIT_NS + "UNITLESS" and "fold" in text[end:unit_end].lower():
                # "a 1.5-fold increase" is ×1.5, and also the rise of 50 % it makes, as "twofold" is ×2 and +100 %
                values += tuple(_clean(v - 1) for v in values if v > 1)
            end = unit_end if unit else end
            spread = _clean(uncertainty * scales[0] * power)
            if not spread and (after_unit := _uncertainty_after_unit(text, end, unit, values[0], language)):
                spread, end = after_unit  # "210 GPa ± 5 GPa", "26.8 % ± 0.4 %"
            start = min(start, opening)
            self.add(
                NumberInText(
                    text[start:end],
                    start,
                    end,
                    _unique(values),
                    unit,
                    half_unit * scales[0] * power,
                    scale=scales[0],
                    uncertainty=spread,
                )
            )
            if separate_groups and match.group("sep") in tuple(_GROUP_SPACES) and not sci:
                self.numbers.extend(_group_splits(start, core, unit))

    def words(self) -> None:
        text = self.text
        lower = text.lower()
        if _MULTIPLIED_STEM_IN.search(lower):
            for match in _FACTOR.finditer(text):
                if self.free(match.start(), match.end()):
                    factor = float(_CARDINALS[(match.group("word") or match.group("factor_word")).lower()])
                    if not factor:
                        continue
                    # "multiplié par dix" is ×10, and also a rise of 900 %, as "tenfold"; "divisé par deux" is ×0.5
                    readings = (1 / factor,) if match.group("over") else (factor, factor - 1)
                    if match.group("factor") and _DECREASE.search(_before(text, match.start())):
                        readings += (1 / factor,)  # "cut by a factor of three" is ×1/3 too
                    unit, end = _unit_after(text, match.end())
                    self.add(
                        NumberInText(
                            match.group(0), match.start(), end, _unique(readings), unit or UNIT_NS + "UNITLESS"
                        )
                    )
        if _FRACTION_STEM_IN.search(lower):
            for match in _FRACTION_WORD.finditer(text):
                if self.free(match.start(), match.end()):
                    value = _fraction_value(match.group(0).strip())
                    # "tripled" is ×3, and also a rise of 200 % to a claim that states the change
                    readings = (value, value - 1) if value >= 2 else (value,)
                    unit, end = _unit_after(text, match.end())
                    self.add(
                        NumberInText(match.group(0).strip(), match.start(), end, readings, unit or UNIT_NS + "UNITLESS")
                    )
        if _CARDINAL_STEM_IN.search(lower) and _CARDINAL_FOLLOWER.search(text):
            for match in _CARDINAL.finditer(text):
                if self.free(match.start(), match.end()):
                    value = 1.0 if match.group("a") else _cardinal_run_value(match.group("run"))
                    if value is None:
                        # words that make no number ("five twenty million"): none read, not their last word
                        self.take(match.start(), match.end())
                        continue
                    scales, end = _scale_after(text, match.end(), self.language, self.long_scale)
                    if scales[0] != 1.0 and (more := _NUMBER_WORDS_GO_ON.match(text, end)):
                        # "two thousand five hundred": a number of words past a scale word, not read (neither 2000
                        # nor "five hundred" alone)
                        self.take(match.start(), more.end())
                        continue
                    unit, unit_end = _unit_after(text, end, after_scale=scales[0] != 1.0)
                    end = unit_end if unit else end
                    self.add(
                        NumberInText(
                            text[match.start() : end],
                            match.start(),
                            end,
                            (_clean(value * scales[0]),),
                            unit,
                        )
                    )


def _cardinal_run_value(run: str) -> float | None:
    """The number the words of ``run`` make ("twenty-five" 25, "a hundred and fifty" 150, "deux cents" 200,
    "quatre-vingt-dix" 90, "soixante-quinze" 75, "treinta y dos" 32), or None when they make none ("five
    twenty", "two five"): a ten takes a unit after it (a teen too after "soixante" and "quatre-vingt"), a unit
    or a ten takes "hundred" after it, "hundred" anything below a hundred."""
    hundreds: int | None = None
    small, last, previous = 0, "", 0
    for token in _CARDINAL_TOKEN.findall(run):
        word = token.lower()
        value = _CARDINALS[word]
        if value == 100:
            if hundreds is not None or (word in ("a hundred", "one hundred") and small) or small >= 10:
                return None
            hundreds, small, last = (small or 1) * 100, 0, "hundred"
        elif last in ("", "hundred"):
            small, last = value, "ten" if value >= 20 and value % 10 == 0 else "unit"
        elif last == "ten" and (value < 10 or (previous in (60, 80) and value < 20)):
            small, last = small + value, "unit"
        else:
            return None
        previous = value
    return float((hundreds or 0) + small)


def _before(text: str, start: int) -> str:
    """The few words before ``start``: the patterns looking back are anchored at its end, and
    searching the whole text before every number would make reading a long text quadratic."""
    lo = max(0, start - 48)
    if lo:
        # the word cut at ``lo`` is taken whole, looked for a short way back only: a text with no plain space (digits
        # grouped by thin or no-break spaces, 16,000 characters of them) made every number search back to its start
        space = text.rfind(" ", max(0, lo - 64), lo)
        lo = space + 1 if space >= 0 or lo <= 64 else lo
    return text[lo:start]


def _not_a_quantity(text: str, start: int, end: int, core: str) -> bool:
    """Digits that are part of a name, a locator, a date, a reference or a footnote call."""
    before, after = _before(text, start), text[end : end + 48]
    if _glued_before(text, start):
        return True
    if (
        _LETTER.match(after)
        and not _SCALE_AFTER.match(after)
        and not _money_million(text, start, end)
        and not ((unit := _unit_at(after, 0)) and not unit[2])
        and not _DIMENSIONS.match(after)
    ):
        return True  # digits glued to a word: a name or a code (4o, 3rd, 5th, 6e)
    if _after_locator(before) and not _in_interval_brackets(text, start):
        return True
    if _after_name(before) and not _unit_after(text, end)[0] and not _SCALE_AFTER.match(text, end):
        return True  # "ChatGPT 3.5 model" is a name; "ChatGPT 2.8 Wh" a quantity
    if core[:1] in ".," and start > 0 and text[start - 1].isdigit():
        return True  # ",4" in "1.58,4": a footnote call or a list glued to a number, not a decimal
    if re.fullmatch(r"\d", core) and before.endswith(". ") and not after.strip():
        return True  # "by 12%. 1": a footnote call closing the text
    if (
        re.fullmatch(r"\d{1,2}", core)
        and after[:1] == ")"
        and (
            re.search(r"\d[ \u00a0\u202f]?[A-Za-zÀ-ÿ%‰€$£]+\s?\($", before)
            or re.search(r"[A-Za-zÀ-ÿ]\s?\($", before)
            and re.match(r"\)\s*(?:[.,;:]|$)", after)
        )
    ):
        # "415 TWh (1)" after a quantity with its unit, "habitants (2)." closing a clause: a footnote call;
        # "trained on GPUs (8) for" is left a number
        return True
    if (
        re.fullmatch(r"(?:19|20)\d\d[.]\d{1,2}", core)
        and (not after[:1].strip() or after[:1] in ",;:)")
        and not _unit_after(text, end)[0]
        and (words := before.split())
        and _word(words[-1]) in _YEAR_WORDS
    ):
        return True  # "in 2024.3": a year and its footnote call
    if re.fullmatch(r"\d{1,2}", core) and _DATE_AFTER.match(after):
        return True  # "le 17 décembre", "6 Oct 2021"
    if after[:1] == "]" and "[" in text[max(0, start - 8) : start] and not _in_interval_brackets(text, start):
        return True  # a reference marker [12] or [3, 12]
    # a footnote call glued to its word: "habitants(1)"
    return start >= 2 and text[start - 1] == "(" and text[start - 2].isalpha() and after[:1] == ")"


_MILLION_GLUED = re.compile(r"m(?![A-Za-zÀ-ÿ0-9])")


def _money_million(text: str, start: int, end: int) -> int | None:
    """Where "m" glued to the digits ends when it is a million because money is written before the number or
    after the "m" ("£40m", "$3m", "40m euros"); None otherwise ("40m" alone may be metres)."""
    glued = _MILLION_GLUED.match(text, end)
    if glued is None:
        return None
    if _currency_before(text, start) or "CCY_" in (_unit_after(text, glued.end())[0] or ""):
        return glued.end()
    return None


#: what square brackets hold when they print an interval, not a reference: two numbers, one at least with decimals
#: ("OR = 2.3 [1.1, 4.8]", "[1.04–1.12]", "[95% CI 1.1 to 4.8]"); references are whole numbers ("[12]", "[3, 4]")
INTERVAL_IN_BRACKETS = re.compile(
    r"\s*(?:\d{2}\s?%\s?(?:CI|CrI|UI|IC|KI)\s?:?\s*)?[-\u2212]?\d*[.,\u00b7]?\d+\s*(?:[,;\u2013\u2014-]|to|à|bis|a)\s*"
    r"[-\u2212]?\d*[.,\u00b7]?\d+\s*"
)


def is_interval_in_brackets(inside: str) -> bool:
    """Do square brackets holding ``inside`` print a confidence interval ("1.1, 4.8"), not a reference ("3, 4")?"""
    if INTERVAL_IN_BRACKETS.fullmatch(inside) is None:
        return False
    # a decimal comma counts only beside another separator: "[1,1; 4,8]" is an interval, "[3,4]" two references
    return bool(
        re.search(r"\d[.\u00b7]\d", inside)
        or re.search(r"\d,\d", inside)
        and re.search(r"[;\u2013\u2014-]|[a-z]", inside)
    )


#: what square brackets hold when they give the quantity before them in another unit, as The Lancet nests brackets
#: ("8·1% (1·0) [65 mmol/mol]", "7·0% [53 mmol/mol]"): one quantity with its unit, after "≈", "~" or "or" or nothing
_CONVERSION_IN_BRACKETS = re.compile(r"\s*(?:(?:[≈~]|or\s|i\.e\.,?\s)\s*)?(?P<quantity>.+?)\s*")
#: round brackets after a number, holding its spread or interval: "8.1% (1.0) [65 mmol/mol]"
_ROUND_BRACKETS_AT_END = re.compile(r"\([^()\[\]]*\)\s*\Z")


def is_conversion_in_brackets(before: str, inside: str, languages: tuple[str, ...] = ("en", "fr")) -> bool:
    """Do square brackets holding ``inside``, after the text ``before``, give the number before them in another unit
    ("8.1% (1.0) [65 mmol/mol]"), the source's own words, not an editorial insertion ("[in 2020]", "[the model]")?
    Their whole content is one number with a unit the reader reads, and a number ends the text before them (round
    brackets after it, its spread, aside)."""
    conversion = _CONVERSION_IN_BRACKETS.fullmatch(inside)
    if conversion is None or not re.match(r"[-\u2212]?[\d.,\u00b7]", conversion.group("quantity")):
        return False
    quantity = conversion.group("quantity")
    numbers = [n for n in read_numbers(quantity, languages).numbers if not n.alternative]
    if len(numbers) != 1 or numbers[0].unit in (None, UNIT_NOT_READ) or numbers[0].end != len(quantity):
        return False
    # only the end of the text before them is read, from a space: a number ending it is a few words long, and reading
    # the whole text (each of its own brackets reading the text before it again) took time growing with its square
    head = before[-_CONVERSION_LOOK_BACK:].rstrip()
    while spread := _ROUND_BRACKETS_AT_END.search(head):
        head = head[: spread.start()].rstrip()
    if len(before) > _CONVERSION_LOOK_BACK and " " in head:
        head = head[head.index(" ") + 1 :]
    return any(n.end == len(head) and not n.alternative for n in read_numbers(head, languages).numbers)


#: how much of the text before square brackets :func:`is_conversion_in_brackets` reads (round brackets and all)
_CONVERSION_LOOK_BACK = 160


def _in_interval_brackets(text: str, start: int) -> bool:
    """Is the number at ``start`` inside square brackets printing an interval ("[1.1, 4.8]"), or the number before them
    in another unit ("8.1% [65 mmol/mol]")?"""
    opening, closing = text.rfind("[", 0, start), text.find("]", start)
    if opening < 0 or closing < 0 or "]" in text[opening:start]:
        return False
    inside = text[opening + 1 : closing]
    return is_interval_in_brackets(inside) or is_conversion_in_brackets(text[:opening], inside)


def _exponent(sci: str) -> int:
    """The power of ten of "E+21", "×10^23", " × 10²³"."""
    sci = sci.strip().translate(_SUPERSCRIPT).replace("\u2212", "-")
    if sci[:1] in "eE":
        return int(sci[1:])
    return int(re.sub(r"^" + _TIMES + r"\s?10(?:\^|\*\*)?", "", sci).strip("{}"))


def _uncertainty_after(
    text: str, start: int, end: int, core: str, language: str
) -> tuple[float, int, str | None, int] | None:
    """The uncertainty written after the digits ``core`` of a value (at ``start``–``end``), before its power of
    ten, scale and unit: the "± 5" of "210 ± 5 GPa", "+/- 0.4", the "(67)" of "1.2345(67) eV", the "± 5)" of
    "(210 ± 5) GPa". Returns the uncertainty (in the scale of the digits), where the value's words go on, the
    power of ten written after the uncertainty or its closing bracket ("(6.9 ± 0.3) × 10⁻³", "6.674 30(15) ×
    10−11": it multiplies both), and where the value starts (its opening bracket); None when none is written."""
    sci: str | None = None
    concise = _CONCISE_UNCERTAINTY.match(text, end)
    decimals = re.search(r"[.,]([\d" + _GROUP_SPACES + r"]+)$", core) if concise else None
    if concise and decimals:
        # in the last digits: "(67)" after four decimals is 0.0067, "(29)" after eight 0.000 000 29
        places = sum(character.isdigit() for character in decimals.group(1))
        uncertainty, position = _clean(int(concise.group(1)) * 10.0**-places), concise.end()
    else:
        plus_minus = _PLUS_MINUS.match(text, end)
        if plus_minus is None:
            return None
        # the uncertainty's decimals may be grouped as the value's are: "1.234 567 ± 0.000 002"
        grouped = _SPACED_DECIMAL.match(text, plus_minus.end())
        written = grouped or _NUMBER.match(text, plus_minus.end())
        readings = _core_readings(written.group(0 if grouped else "core"), language) if written else ()
        if written is None or not readings:
            return None
        uncertainty, position = readings[0], written.end()
        sci = None if grouped else written.group("sci")
    opening = start
    if start > 0 and text[start - 1] == "(" and (closing := _CLOSING_BRACKET.match(text, position)):
        opening, position = start - 1, closing.end()
    if sci is None and (power := _SCI_AT.match(text, position)):
        sci, position = power.group(0), power.end()
    return uncertainty, position, sci, opening


def _uncertainty_after_unit(
    text: str, end: int, unit: str | None, value: float, language: str
) -> tuple[float, int] | None:
    """The uncertainty written after a value's unit ("210 GPa ± 5 GPa", "26.8 % ± 0.4 %"), or after one word the
    reader does not read as a unit, and where it ends (its unit, or the same word, taken with it): the uncertainty
    in the value's unit, a percentage of a value in another unit being relative ("210 GPa ± 2 %" is ± 4.2 GPa);
    0 when its unit cannot be put in the value's (the words are still no number of their own). None: none written."""
    word = None if unit else _WORD_BEFORE_PLUS_MINUS.match(text, end)
    if unit is None and word is None or unit == UNIT_NOT_READ:
        return None
    plus_minus = _PLUS_MINUS.match(text, word.end() if word else end)
    written = _NUMBER.match(text, plus_minus.end()) if plus_minus else None
    readings = _core_readings(written.group("core"), language) if written else ()
    if written is None or not readings:
        return None
    try:
        amount = readings[0] * (10.0 ** _exponent(written.group("sci")) if written.group("sci") else 1.0)
    except OverflowError:
        return 0.0, written.end()
    own_unit, own_end = _unit_after(text, written.end())
    if own_unit == UNIT_NS + "PERCENT" and unit != own_unit:
        return _clean(abs(value) * amount / 100), own_end
    if word or unit is None:
        if word and text.startswith(word.group(0), written.end()):
            return _clean(amount), written.end() + len(word.group(0))
        # another word after it may be another unit ("210 MPa ± 0.005 GPa"): the uncertainty's size is not known
        return (0.0 if _ANOTHER_WORD.match(text, written.end()) else _clean(amount)), written.end()
    if own_unit is None or own_unit == unit:
        return _clean(amount), own_end if own_unit else written.end()
    try:  # "210 MPa ± 0.005 GPa", once both are read: a difference, without a unit's offset
        return _clean(abs(convert(amount, own_unit, unit, difference=True))), own_end
    except (UnknownUnit, ValueError):
        return 0.0, own_end


def _scale_after(text: str, end: int, language: str, long_scale: bool = True) -> tuple[tuple[float, ...], int]:
    """The scales the word or letter after a number may mean ("B", " billion", " Md"), the one
    ``language`` prefers first, and where it ends; (1,) for none. "billion" is 10⁹ in English and
    10¹² in French: a text read in a registry that has a long-scale language (``long_scale``) keeps both
    readings; one read in English only, the short scale's alone."""
    match = _SCALE_AFTER.match(text, end)
    if not match:
        return (1.0,), end
    if match.group("letter"):
        unit = _match_unit(text, end)
        if unit and unit.end() > match.end():
            return (1.0,), end  # "5 MWh": M is the unit's prefix, not a scale
        return (_SCALE_LETTERS[match.group("letter")],), match.end()
    if match.group("letter_spaced"):
        return (_SCALE_LETTERS[match.group("letter_spaced")],), match.end()
    word = " ".join(
        (
            match.group("word")
            or match.group("long")
            or match.group("abbreviation")
            or match.group("noun")
            or match.group("glued")
        )
        .lower()
        .split()
    )
    if word in _SCALE_READINGS:
        return _SCALE_READINGS[word], match.end()
    if word in _LONG_SCALE:
        scales = (_LONG_SCALE[word], _SCALE_WORDS[word])
        if language in _LONG_SCALE_LANGUAGES:
            return scales, match.end()
        return (scales[::-1] if long_scale else scales[1:]), match.end()
    return (_SCALE_WORDS[word],), match.end()


def _is_year(text: str, start: int, end: int) -> bool:
    """1900–2099 is a year after "in", "en", "since"…, or before punctuation; "2048 GPUs" is a count."""
    before = _before(text, start).rstrip()
    words = before.split()
    if (
        before[-1:] in "([–/-"
        and before
        or words
        and (_word(words[-1]) in _YEAR_WORDS or re.fullmatch(r"\d{1,2}", words[-1]))
    ):
        return True
    after = text[end : end + 2]
    return (
        not after.strip()
        or after[0] in ".,;:)–—-/]»\"'’"
        or after.startswith((" (", " –", " —", " -", " et", " and", " ;", " :"))
    )


#: a year that may open a sentence (:func:`_opens_sentence`): 1800–2100, as history and scenarios write them
_OPENING_YEAR = re.compile(r"1[89]\d\d|20\d\d|2100")
#: the end of a sentence before a year opening the next (or of a line: a list's item, a table's row), bullets and
#: opening quotes allowed between
_SENTENCE_END = re.compile(r"(?:[.!?…][\"”»’)\]]*[ \u00a0]+|\n[ \t]*)[-–—•*\"“„«‘']*[ \u00a0]*$")
#: abbreviations whose full stop ends no sentence before a number: "approx. 2000 households", "ca. 2000 Menschen"
_ABBREVIATIONS_BEFORE_NUMBERS = {"approx", "appr", "ca", "c", "env", "rd", "ungef", "aprox", "vs", "cf", "incl", "inkl"}
#: the words after a number that go on to another ("2000 to 3000 MWh", "2000 bis 3000"): a range, no year
_RANGE_WORDS = {"to", "bis", "à", "a", "al", "au", "till", "through", "until", "hasta", "or", "ou", "oder", "o"}


def _opens_sentence(text: str, start: int) -> bool:
    """The number opens the text or a sentence of it (or a line): "2023 wurden …", "… fell. 2019 saw …"."""
    head = text[:start]
    if re.fullmatch(r"[\s\"“„«‘'(\[*•–—-]*", head):
        return True
    before = _before(text, start)
    if not _SENTENCE_END.search(before):
        return False
    stop = before.rstrip().rstrip("-–—•*\"“„«‘'").rstrip()
    words = stop.split()
    # "approx. 2000 households": the full stop of an abbreviation ends no sentence
    return not words or words[-1].lower().rstrip('.!?…"”»’)]') not in _ABBREVIATIONS_BEFORE_NUMBERS


def _word_follows(text: str, end: int, language: str) -> bool:
    """A word follows the number, as a verb or a noun follows a year opening a sentence ("2019 saw", "2023 wurden",
    "2023 emissions"), not a number, a range's word before one ("2000 to 3000"), nor a unit (the caller asks). In
    German, whose nouns take a capital and whose sentences put their verb second, a capital word after the number is
    what it counts ("2000 Haushalte wurden befragt"): a count, no year."""
    after = re.match(r"[ \u00a0]+([A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’-]*)", text[end : end + 40])
    if after is None:
        return False
    word = after.group(1)
    if word.lower() in _RANGE_WORDS and re.match(r"[ \u00a0]+[-−]?\d", text[end + after.end() : end + after.end() + 8]):
        return False
    if language == "de":
        return not word[:1].isupper()
    # elsewhere a count opens sentences as often as a year does ("2048 GPUs were used", "2000 households were
    # surveyed"), and nothing in the word tells a noun: a year only before the verbs that follow one
    return word.lower() in _VERBS_AFTER_A_YEAR.get(language, _ANY_VERB_AFTER_A_YEAR)


#: the verbs (and auxiliaries) that follow a year opening a sentence as its subject: "2019 saw", "2022 marque",
#: "2023 fue", "2020 è stato"; a word not among them leaves the number a number
_VERBS_AFTER_A_YEAR: dict[str, frozenset[str]] = {
    "en": frozenset(
        "saw sees see was is will would marked marks brought brings had has became becomes proved witnessed "
        "began ended set sets was also alone could may might should".split()
    ),
    "fr": frozenset("a fut est sera serait marque marqua marquera voit vit verra reste restera sera devrait".split()),
    "es": frozenset("fue es será sería marcó marca marcará vio ve verá trajo supuso registró cerró ha".split()),
    "it": frozenset("è fu sarà sarebbe ha segna segnò vide vedrà registrò".split()),
    "pt": frozenset("foi é será seria marcou marca viu verá trouxe registrou".split()),
    "nl": frozenset("was is zag ziet werd wordt bracht".split()),
}
_ANY_VERB_AFTER_A_YEAR = frozenset().union(*_VERBS_AFTER_A_YEAR.values())


#: the words before the year of a currency's prices: "in 2015 USD", "constant 2020 EUR", "en euros 2015" is read
#: as a year already (a year after a word)
_PRICE_YEAR_WORDS = {"in", "en", "constant", "constants", "constante", "constantes", "real", "nominal", "current"}


def _is_price_year(text: str, start: int, end: int) -> bool:
    """1900–2099 followed by a currency is the year of its prices, not an amount, after "in", "constant", "real"…
    or an opening bracket: "cost $300 million in 2015 USD", "US$1.2 billion (2015 dollars)"."""
    unit, unit_end = _unit_after(text, end)
    if unit is None or "CCY_" not in unit:
        return False
    before = _before(text, start).rstrip()
    words = before.split()
    if before[-1:] in "([" and before:
        # "(2015 dollars)" names the prices' year; "(2015 dollars and 3 cents)" would go on as an amount
        return re.match(r"\s*[)\],;]", text[unit_end:]) is not None
    return bool(words) and _word(words[-1]) in _PRICE_YEAR_WORDS


def _glued_before(text: str, start: int) -> bool:
    """Digits that continue a word or another number: GPT-3, A100, CO2, Llama-2-70B, kWh/1000, 1.5's decimals."""
    if start == 0:
        return False
    previous = text[start - 1]
    if previous.isalpha() or previous == "_":
        # "×3", " x3": a multiplier, not the end of a name; "512x512": two dimensions
        return not (previous in "xX" and (start == 1 or not text[start - 2].isalpha()))
    if previous in ".,'’" and start >= 2 and text[start - 2].isdigit():
        return True
    if previous == "/" and start >= 2 and text[start - 2].isdigit():
        return True  # "ISO 14040/44": digits after a slash that made no fraction belong to a code
    if previous in "-–/":
        words = _before(text, start - 1).split()
        if not words or not text[start - 2 : start - 1].strip():
            return False
        word = words[-1].lstrip("~≈(<>[")
        if previous == "–":
            # an en dash is punctuation ("footprint–78,468") unless it joins a code ("A100–80GB")
            return bool(_LETTER.match(word)) and any(c.isdigit() for c in word)
        # "GPT-3", "Llama-2-70B", "kWh/1000" are names; "~5X-10X", "(1.4-2" are ranges
        return bool(_LETTER.match(word))
    return False


def _apply_prefix_multipliers(text: str, numbers: list[NumberInText]) -> list[NumberInText]:
    """ "×3" and "x3" read 3, as a multiplier (the number has no unit of its own)."""
    out = []
    for n in numbers:
        if (
            n.start > 0
            and text[n.start - 1] in "×xX"
            and n.unit is None
            and (n.start == 1 or not text[n.start - 2].isalnum())
        ):
            n = replace(n, written=text[n.start - 1 : n.end], start=n.start - 1, unit=UNIT_NS + "UNITLESS")
        out.append(n)
    return out


def _pair_ranges(text: str, numbers: list[NumberInText]) -> Reading:
    """Two numbers joined by a dash, "to", "à" ("and"/"et" only after "between"/"entre") form a range;
    a unit or a scale written after the second bound also applies to the first ("5–14 million")."""
    ranges: list[RangeInText] = []
    main = [n for n in numbers if not n.alternative]
    bounds: dict[int, NumberInText] = {}
    i = 0
    while i + 1 < len(main):
        low, high = main[i], main[i + 1]
        gap = text[low.end : high.start]
        joined = low.end <= high.start and _RANGE_JOIN.fullmatch(gap) is not None
        if joined and gap.strip().lower() in ("and", "et", "a", "und", "y"):
            before = _before(text, low.start).lower()
            words = before.split()
            joined = bool(words) and (
                words[-1] in _RANGE_OPENERS or before.rstrip().endswith(("range of", "ranging from", "d'"))
            )
        if not joined:
            i += 1
            continue
        if low.unit is None and high.unit is not None:
            low = replace(low, unit=high.unit)
        elif high.unit is None and low.unit is not None and "CCY_" in low.unit:
            high = replace(high, unit=low.unit)  # "$4–5 million": the dollar sign is written once
        if high.scale != 1.0 and low.scale == 1.0:
            low = replace(
                low,
                # "5–10 cents" is 0.05 to 0.1 alone: 5 dollars is no reading of its low bound
                readings=_unique(
                    tuple(_clean(r * high.scale) for r in low.readings) + (low.readings if high.scale > 1 else ())
                ),
                half_unit=low.half_unit * high.scale,
            )
        low, high = replace(low, in_range=True), replace(high, in_range=True)
        bounds[id(main[i])], bounds[id(main[i + 1])] = low, high
        ranges.append(RangeInText(low, high))
        i += 2
    return Reading(tuple(bounds.get(id(n), n) for n in numbers), tuple(ranges))


#: runs of more groups than this are not split every way (the ways grow as the square of the run)
_MAX_GROUPS_SPLIT = 8


def _group_splits(start: int, core: str, unit: str | None) -> list[NumberInText]:
    """ "280 450 450" may be three cells: every run of its groups read on its own, as extra readings."""
    groups = re.split(_GROUP_SPACE, core)
    # every run of groups is a reading; past a few groups only the groups alone, each a cell
    longest = len(groups) if len(groups) <= _MAX_GROUPS_SPLIT else 1
    out = []
    position = start
    offsets = []
    for g in groups:
        offsets.append(position)
        position += len(g) + 1
    for i in range(len(groups)):
        for j in range(i + 1, min(len(groups), i + longest) + 1):
            if (i, j) == (0, len(groups)):
                continue
            part = groups[i:j]
            if len(part) > 1 and not all(len(g) == 3 for g in part[1:]):
                continue
            if len(groups[0]) < 3 and (j == 1 or i == 1):
                continue  # "2 500", "12 500 000": a short first group is the head of the number after it, no cell
            digits = "".join(part)
            readings = _core_readings(digits, "en")
            if not readings:
                continue
            last = j == len(groups)
            out.append(
                NumberInText(
                    " ".join(part),
                    offsets[i],
                    offsets[i] + len(" ".join(part)),
                    readings,
                    unit if last else None,
                    _half_unit(digits),
                    alternative=True,
                )
            )
    return out


def _core_readings(core: str, language: str) -> tuple[float, ...]:
    """Every value the digits can stand for, the one ``language`` prefers first."""
    if core.isdigit():
        return (float(core),)
    core = core.replace("{,}", ",")
    compact = re.sub(r"[" + _GROUP_SPACES + r"'’]", "", core)
    readings: list[float] = []
    comma_decimal = language in ("fr", "de", "es", "it", "pt", "nl")
    if re.fullmatch(r"\d+", compact):
        return (float(compact),)
    # a leading group starting with 0 is never a thousands group: "0,429" and "0.429" are decimals only
    grouped_comma = re.fullmatch(r"(?!0)(?:\d{1,3}(,\d{3})+(\.\d+)?|\d{1,2}(,\d{2})+,\d{3}(\.\d+)?)", compact)
    grouped_dot = re.fullmatch(r"(?!0)\d{1,3}(\.\d{3})+(,\d+)?", compact)
    decimal = re.fullmatch(r"\d*[.,]\d+", compact)
    as_english = float(compact.replace(",", "")) if grouped_comma else None
    as_continental = float(compact.replace(".", "").replace(",", ".")) if grouped_dot else None
    as_decimal = float(compact.replace(",", ".")) if decimal else None
    if re.search(r"[" + _GROUP_SPACES + r"'’]", core):
        # grouped by spaces or apostrophes: the decimal separator is whichever remains
        return (float(compact.replace(",", ".")),) if re.fullmatch(r"\d+([.,]\d+)?", compact) else ()
    if compact.endswith(("000", "000.0")) and (as_english or as_continental):
        # "1.000 images", "1,000": nobody writes a decimal with three zeros; it is grouping, in every language
        order = [as_english, as_continental]
    elif comma_decimal:
        order = [as_decimal if "," in compact else None, as_continental, as_decimal, as_english]
    else:
        order = [as_english, as_decimal if "." in compact else None, as_decimal, as_continental]
    for value in order:
        if value is not None and value not in readings:
            readings.append(value)
    return tuple(readings)


def _half_unit(core: str) -> float:
    if core.isdigit():
        return 0.5
    compact = re.sub(r"[" + _GROUP_SPACES + r"'’]", "", core)
    match = re.search(r"[.,](\d+)$", compact)
    if match and not re.fullmatch(r"(?!0)\d{1,3}([.,]\d{3})+", compact):
        return 0.5 * 10.0 ** -len(match.group(1))
    return 0.5


#: what a mass of greenhouse gas may say it is between its unit and the rate word: "kg CO2e", "kg CO₂-eq",
#: "g of CO2", "g de CO2", "g di CO2" (Italian), "kg d'équivalent CO2", "kg éq. CO2", "kg CO2 equivalente",
#: "kg CO2-Äquivalente"
_CO2_QUALIFIER = (
    r"\s?(?:(?:of|de|di|d['’])\s?)?"
    r"(?:(?:équivalent|equivalent|éq|eq)\.?\s?)?"
    r"CO[2₂](?:[-\s]?(?:eq|éq|e|equivalents?|équivalents?|equivalentes?|äquivalente?|äq)\b\.?)?"
)
#: the word of a rate in each language the reader knows (docs/numbers.md): "per" (en, it, nl), "par" (fr),
#: "pro" and "je" (de), "por" (es, pt); whole words only, and not the "per cent" or "per mille" of a percentage
_RATE_WORDS = r"per|par|pro|je|por(?:\scada)?"
#: "/" or a rate word between the two units of a rate (g/kWh, t per MWh, kg par kWh), after an optional
#: CO2e qualifier
#: a resource whose amount per unit is an intensity: "1.8 L of water per kWh", "2 L d'eau par kWh" (another
#: word between the unit and the rate word ends the number: "400 g de farine par kWh" is a mass)
_RESOURCES = (
    r"(?:water|eau|electricity|électricité|fuel|oil|pétrole|gas|gaz|coal|charbon|diesel|petrol|essence"
    r"|agua|electricidad|combustible|gasolina|carbón|petróleo"
    # what climate science counts per year: "270 Gt of ice per year", "5 Pg of carbon per year"
    r"|ice|land ice|snow|carbon|methane|CH[4₄]|N[2₂]O|nitrogen|hydrogen|meltwater|freshwater|sediments?|biomass"
    r"|glace|neige|carbone|méthane|hielo|nieve|carbono|metano"
    # what agronomy applies per hectare: "168 kg of nitrogen per hectare", "168 kg de nitrógeno por hectárea"
    r"|phosphorus|potassium|nitrógeno|fósforo|potasio|azote|phosphore)\b"
)
#: German writes the resource without a preposition: "0,5 l Wasser pro kWh"
_GERMAN_RESOURCES = (
    r"(?:(?:Wasser|Strom|Kraftstoff|Treibstoff|Benzin|Diesel|Gas|Erdgas|Kohle|Öl|Heizöl|Eis|Kohlenstoff|Methan)\b"
    # Dutch writes the resource after its unit too, without a preposition: "3.500 kWh elektriciteit per jaar", "180 kWh
    # primaire energie per m²" (primary or final energy: the measurand's to say, as a qualifier of the unit is)
    r"|(?:elektriciteit|stroom|aardgas|warmte|brandstof|(?:primaire|finale) energie|eindenergie)\b)"
)
#: what makes "per", "por" a percentage or a per-mille rather than a rate word: "per cent", "per centum", "per cento"
#: (Italian), "per mille", "per mil", "por mil", whole words only, so that "per mile", "per millilitre", "per
#: centimetre" are rates ("122 g CO2 per mile" is 122 g/mi)
_PER_CENT_WORDS = r"(?:cent|centum|cento|mille|mil)(?![A-Za-zÀ-ÿ0-9])"
_PER = re.compile(
    r"(?:" + _CO2_QUALIFIER + r"|\s(?:of|de|d['’])\s?" + _RESOURCES + r"|\s" + _GERMAN_RESOURCES + r")?\s?"
    # "120 TWh a year", "0.5 kWh an hour": "a" is a rate word before a period only
    r"(?:/|\b(?:" + _RATE_WORDS + r")\s(?!" + _PER_CENT_WORDS + r")|\ban?\s(?=(?:year|month|week|day|hour|decade)\b)"
    # Italian "all'anno", "l'anno", "al mese", "al giorno", Spanish "al año", "al mes", "al día": a rate word before
    # a period only
    r"|\b(?:al)?l['’](?=anno\b)|\bal\s(?=(?:mese|giorno|año|mes|día)\b))",
    re.IGNORECASE,
)
#: what follows "mi" after a number when it is a mile: no word, or an English one ("120 mi long", "120 mi per hour");
#: any other word in small letters makes it the Italian pronoun ("3 mi piace", "nel 2020 mi sono trasferito")
_MILE_FOLLOWERS = (
    "long", "away", "from", "of", "to", "in", "on", "at", "and", "or", "per", "each", "a", "an", "the", "by", "wide",
    "across", "north", "south", "east", "west", "offshore", "inland", "further", "farther", "more", "less", "apart",
    "round", "return", "radius", "range", "trip", "journey", "route", "drive", "ride", "road", "roads", "track",
    "line", "network", "stretch", "section", "with", "for", "than", "into", "over", "along", "beyond", "within",
    "ahead", "behind", "upstream", "downstream", "high", "deep", "was", "were", "is", "are",
)  # fmt: skip
_ITALIAN_MI = re.compile(r"[ \u00a0]+(?!(?:" + "|".join(_MILE_FOLLOWERS) + r")(?![A-Za-zÀ-ÿ'’]))[a-zà-ÿ]")
#: what follows "nodi", "nodo" when they are the nodes of a network or a cluster, not knots: "512 nodi di calcolo",
#: "64 nodi GPU", "nodi della rete"
_NODES = re.compile(r"[ \u00a0]+(?:di|del|dello|della|dei|degli|delle|d['’]|[A-Z]{2,})(?![a-zà-ÿ])")
#: "miles de" after a number is Spanish's thousands ("150 miles de euros"), no mile
_SPANISH_MILES = re.compile(r"[ \u00a0]+de[ \u00a0]")
#: the word after a rate word whose unit the reader does not read ("per room-night", "per m²"): a compound
#: (hyphen, slash, digits) or a unit symbol; a plain word is a count ("per query") and keeps the numerator's unit
_DENOMINATOR_WORD = re.compile(r"\([^\s,;:()\[\]]+\)?|[^\s,;:()\[\]]+")


#: a kelvin glued to a unit with a power, before a rate's slash or a product's dot: "m²K/W", "m2K/W" (m²·K/W, a
#: thermal resistance); "mK/W" stays a millikelvin's, and "m²K" alone is a unit not read (_GLUED_AFTER_POWER)
_GLUED_KELVIN_NUMERATOR = re.compile(r"[ \u00a0\u202f]?[A-Za-zµμ]+[²³23]K(?=/|[·⋅])")


#: a word that goes on after a superscript power ("5 m²X", "5 m²K", "5 cm³foo"): no word, but a unit the reader
#: does not read
_GLUED_AFTER_POWER = re.compile(r"[ \u00a0\u202f](?:[A-Za-zµμΩΩ°]+[²³])+[A-Za-zÀ-ÿ_][^\s,;:()\[\]]*")


def _unit_after(text: str, end: int, after_scale: bool = False) -> tuple[str | None, int]:
    """The unit written after a number (a rate when a second unit follows "/" or a rate word), and where
    it ends; ``after_scale``: the number ends with a scale word, which may take "de" before its unit
    ("4,6 millions de dollars", "1,3 millier de MWh"). Words that look like a unit the reader cannot convert
    ("150 bushels per acre", "3.2 t ha⁻¹" with a symbol it does not know) give :data:`UNIT_NOT_READ`, never a
    part of them read as the whole ("401 W" of "401 W/(m·K)")."""
    unit_start = end
    closing = _MATH_CLOSE.match(text, end)
    if closing and _holds_latex(text):
        # "$10^{23}$ FLOP": the dollar after a number closes LaTeX's math, it is no currency; a unit may follow
        unit_start = closing.end()
    found = _unit_at(text, unit_start)
    if not found and after_scale:
        de = _DE_BEFORE_UNIT.match(text, unit_start)
        found = _unit_at(text, de.end()) if de else None
    if not found and (kelvin := _GLUED_KELVIN_NUMERATOR.match(text, unit_start)):
        # "Rc ≥ 4,5 m²K/W": a kelvin glued to a power ends a product, as in a denominator ("W/m²K")
        head = _unit_at(text[: kelvin.end() - 1], unit_start)
        if head and head[1] == kelvin.end() - 1:
            found = (f"{head[0]}-K", kelvin.end(), False)
    if found and found[0] in ("MI", "KN"):
        written = text[unit_start : found[1]].strip(" \u00a0\u202f-").lower()
        if written == "mi" and _ITALIAN_MI.match(text, found[1]):
            return None, end  # "3 mi piace", "nel 2020 mi sono": the Italian pronoun, no mile
        if written in ("nodi", "nodo") and _NODES.match(text, found[1]):
            return None, end  # "512 nodi di calcolo", "64 nodi GPU": nodes of a network or a cluster, a count
        if written == "miles" and _SPANISH_MILES.match(text, found[1]):
            return UNIT_NOT_READ, found[1]  # "150 miles de euros": Spanish thousands, a scale the reader does not read
    if not found and (pounds := _POUNDS.match(text, unit_start)):
        # "40 million pounds" is money; "40 pounds", "5 million pounds of CO2" may be a mass (lb): not read
        if after_scale and not re.match(r"\s+(?:of|per)\b", text[pounds.end() :]):
            return _rate("CCY_GBP", text, pounds.end())
        # "150 pounds per acre" is a mass per area (lb/acre); "40 pounds per hour" may be a wage: not read
        rated, rated_end = _rate("LB", text, pounds.end())
        if rated.startswith(UNIT_NS) and dimension_of(rated) in _MASS_PER_AREA_OR_VOLUME:
            return rated, rated_end
        return UNIT_NOT_READ, rated_end if rated == UNIT_NOT_READ else pounds.end()
    if not found:
        if mpg := _MPG.match(text, unit_start):
            return UNIT_NS + "MI-PER-" + _gallon(mpg.group("which") or mpg.group("after")), mpg.end()
        if (gallon := _GALLON.match(text, unit_start)) and gallon.group(0)[:1] in " \u00a0":
            return _rate(_gallon(gallon.group("which")), text, gallon.end())
        if unconverted := _NOT_CONVERTED.match(text, unit_start):
            return UNIT_NOT_READ, unconverted.end()
        if powered := _POWERED_WORD.match(text, unit_start):
            # "6.022 × 10²³ mol⁻¹": a unit that is only a denominator, written as a negative power; "5 m^2", "5 XJ⁻¹":
            # a unit not read
            return _negative_powers("", text, unit_start) or (UNIT_NOT_READ, powered.end())
        if glued := _GLUED_AFTER_POWER.match(text, unit_start):
            return UNIT_NOT_READ, unit_start + len(glued.group(0).rstrip("."))  # "5 m²X", "5 m²K": a unit not read
        return None, end
    local, unit_end, in_compound_only = found
    unit, rate_end = _rate(local, text, unit_end)
    if in_compound_only and (rate_end == unit_end or unit == UNIT_NOT_READ):
        return None, end  # "5 V", "45 N", "5 A/B tests": a capital alone is a grade, a coordinate, a name
    return unit, rate_end


# ------------------------------------------------------------------ units by QUDT's symbols and names

#: the units the reader reads after a number by their QUDT symbol, with an SI prefix glued or none ("210 GPa", "1.12
#: eV", "632.8 nm", "1.68 µΩ·cm", "6,1 Mha", "101 kPa"), and as factors of a compound ("g/cm³", "W/(m·K)", "m³ kg⁻¹
#: s⁻²"): the SI's units and those accepted for use with it, by QUDT name. Their symbols, and the prefixes', are
#: QUDT's, read off its data (:func:`_symbols`); the units they name are QUDT's or composed by its naming rules
_PREFIXED_BASES = (
    "M", "GM", "SEC", "A", "K", "MOL", "HZ", "N", "PA", "J", "W", "C", "V", "FARAD", "OHM", "S", "WB", "T", "H",
    "LM", "LUX", "BQ", "GRAY", "SV", "KAT", "L", "EV", "BAR", "HA",
)  # fmt: skip
#: the prefixes read before any of them; the others (hecto, deca, deci, centi, atto…) only in the prefixed units
#: QUDT lists (hPa, hL, dL, cm, cg), being rarely written and often words ("das")
_COMMON_PREFIXES = frozenset(
    {"Kilo", "Mega", "Giga", "Tera", "Peta", "Exa", "Zetta", "Yotta", "Milli", "Micro", "Nano", "Pico", "Femto"}
)
#: prefixed symbols that are something else after a number: a time of day ("5 am", "5 pm"), a word ("as", "hm",
#: "dam"), the acidity "pH", an energy of physics ("5 kT", five times k·T), a title ("Ms"); and a second with a
#: large prefix, which nobody writes ("Gs", "Ts"); "dag" is the Dutch day ("12 kWh per dag") far more often than a
#: decagram
_NOT_SYMBOLS = frozenset({"am", "pm", "as", "hm", "dam", "ds", "pH", "kT", "Ms", "Gs", "Ts", "Ps", "Es", "dag"})
#: other ways to write the Greek letters QUDT's symbols use: the micro sign (U+00B5) keyboards and PDFs give for
#: μ (U+03BC); the ohm sign (U+2126) for Ω (U+03A9), and "ohm" as plain text writes it ("µohm-cm", "kohm")
_SYMBOL_VARIANTS = {"\u03bc": ("\u00b5",), "\u03a9": ("\u2126", "ohm")}
#: units written as words, with any of QUDT's decimal prefixes by name (its data's names, in small letters) or none:
#: "210 gigapascals", "632.8 nanometres", "1.12 electronvolts", "5 kilograms", "3 millilitres"; a second, a tesla,
#: a siemens and a farad only with a prefix ("5 milliseconds": "5 Tesla cars", "a 5 second delay" stay words)
_UNIT_NAMES = {
    "pascal": "PA", "metre": "M", "meter": "M", "electronvolt": "EV", "electron volt": "EV", "electron-volt": "EV",
    "gram": "GM", "gramme": "GM", "litre": "L", "liter": "L", "volt": "V", "ohm": "OHM", "newton": "N",
    "ampere": "A", "hertz": "HZ",
}  # fmt: skip
_PREFIXED_NAMES = {"second": "SEC", "tesla": "T", "siemens": "S", "farad": "FARAD"}
#: "ha" after a number is a hectare, but not Spanish's "ha" before a past participle ("desde 2015 ha crecido")
_SPANISH_PERFECT = re.compile(r"[ \u00a0]+[a-záéíóúñ]+(?:ado|ido|to|cho)\b")
_LENGTH, _TIME, _MASS = (("L", 1),), (("T", 1),), (("M", 1),)
_PRESSURE = (("L", -1), ("M", 1), ("T", -2))
_MASS_PER_AREA_OR_VOLUME = ((("L", -2), ("M", 1)), (("L", -3), ("M", 1)))


@lru_cache(maxsize=1)
def _prefix_symbols() -> dict[str, str]:
    """QUDT's decimal prefixes and their symbols, read off its prefixed units: Kilo is "k" because unit:KiloM is "km"
    where unit:M is "m" (the symbol most of its units agree on)."""
    units = table()["units"]
    prefixes = [prefix for prefix in table()["prefixes"] if not prefix.endswith("bi")]
    seen: dict[str, dict[str, int]] = {prefix: {} for prefix in prefixes}
    # the prefixes by their first letter: each unit's name is tried against a few, not all twenty (this ran in every
    # check, 0.05 s of QUDT's two thousand units times twenty prefixes)
    by_initial: dict[str, list[str]] = {}
    for prefix in prefixes:
        by_initial.setdefault(prefix[:1], []).append(prefix)
    for name, row in units.items():
        if "-" in name:
            continue
        for prefix in by_initial.get(name[:1], ()):
            base = units.get(name[len(prefix) :]) if name.startswith(prefix) else None
            symbol, whole = (base or {}).get("symbol") or "", row.get("symbol") or ""
            if symbol and whole.endswith(symbol) and len(whole) > len(symbol):
                written = whole[: -len(symbol)]
                seen[prefix][written] = seen[prefix].get(written, 0) + 1
    return {prefix: max(counts, key=counts.__getitem__) for prefix, counts in seen.items() if counts}


@lru_cache(maxsize=1)
def _symbols() -> dict[str, tuple[str, bool]]:
    """Every unit symbol the reader reads by QUDT's data ("GPa", "μm", "µΩ", "Mha", "s") -> its QUDT name, and
    whether it is read alone after a number: a symbol of one letter other than those the reader's own table reads
    ("5 V", "45 N", "5 s"), and a capital prefix before one ("PV", "EV", "TV", "MA", "PC": acronyms far more often
    than a petavolt), only as a factor of a compound ("5 V/m", "1 N·m", "3 MV/m")."""
    units = table()["units"]
    found: dict[str, tuple[str, bool]] = {}
    for base in _PREFIXED_BASES:
        symbol = units[base]["symbol"]
        found[symbol] = (base, len(symbol) > 1 or not symbol.isascii())
        for prefix, written in _prefix_symbols().items():
            token = written + symbol
            if (prefix not in _COMMON_PREFIXES and prefix + base not in units) or token in _NOT_SYMBOLS:
                continue
            capitals = token.isascii() and token.isupper() and len(symbol) == 1 and symbol not in "WJ"
            found.setdefault(token, (prefix + base, not capitals))
    for letter, others in _SYMBOL_VARIANTS.items():
        for token, value in list(found.items()):
            for other in others:
                found.setdefault(token.replace(letter, other), value)
    return found


@lru_cache(maxsize=1)
def _named_units() -> dict[str, str]:
    """Every unit written as a word the reader reads by QUDT's prefixes ("gigapascals") -> its QUDT name."""
    prefixes = {prefix.lower(): prefix for prefix in table()["prefixes"] if not prefix.endswith("bi")}
    found = {}
    for word, local in (_UNIT_NAMES | _PREFIXED_NAMES).items():
        for written, prefix in (({"": ""} if word in _UNIT_NAMES else {}) | prefixes).items():
            for plural in ("",) if word.endswith(("z", "s")) else ("", "s"):
                found[written + word + plural] = prefix + local
    return found


#: a word after a number, read as a unit when it is a symbol of :func:`_symbols` (case as written, a power glued: "cm³",
#: "cm3", "s²") or a unit word of :func:`_named_units` (any case), after one space at most; no letter, digit or power
#: may follow it. (One word looked up, not an alternative of hundreds tried at every number)
_UNIT_TOKEN = re.compile(
    r"[ \u00a0\u202f]?(?:-\s?)?(?P<token>[Ee]lectron[- ]volts?|[A-Za-zµμΩΩ]+)"
    r"(?P<power>[²³]|(?<=[A-Za-z])[23](?![.,]?\d))?(?![A-Za-zÀ-ÿ0-9²³⁻^_])"
)


def _unit_at(text: str, pos: int, factor: bool = False) -> tuple[str, int, bool] | None:
    """The unit written at ``pos`` (after one space at most): its QUDT name, where it ends, and whether it is read
    only as a factor of a compound (:func:`_symbols`); ``factor``: it is one (a denominator, "/s"), so any symbol
    reads. QUDT's symbol as written comes first ("mW" is a milliwatt, "MW" a megawatt, "Mg" a megagram), then the
    reader's own table, whose words ignore case; None when neither reads a unit there."""
    own = None
    match = _match_unit(text, pos)
    if match:
        word = re.sub(r"\s+", " ", match.group(1).lower())
        own = _UNITS.get(word)
        if own and "$" in word and _holds_latex(text):
            own = None  # "US$" in a text holding LaTeX: its dollar opens or closes math
        elif own and _FLOP_RATE_WRITTEN.fullmatch(match.group(1)):
            own = _UNITS[word[:-1] + "/s"]  # "312 TFLOPS" is a rate; "3.14e23 FLOPs" a count
    symbol = _symbol_at(text, pos, factor)
    # the table's reading stands when QUDT's symbol reads no more, or the same unit ("5 L", "5 K"); a symbol whose case
    # says another unit than the table's wins ("5 ML" is no millilitre, "5 T" no tonne), if only to be read as none
    if symbol and (own is None or match is None or (symbol[1] >= match.end() and (not symbol[2] or symbol[0] != own))):
        return symbol
    return (own, match.end(), False) if own and match else None


def _symbol_at(text: str, pos: int, factor: bool) -> tuple[str, int, bool] | None:
    """:func:`_unit_at` by QUDT's symbols and unit words alone."""
    match = _UNIT_TOKEN.match(text, pos)
    if match is None:
        return None
    token, power = match.group("token"), match.group("power")
    if token not in _symbols():
        named = _named_units().get(" ".join(token.lower().split()))
        return (named, match.end(), False) if named and not power else None
    local, alone = _symbols()[token]
    if not factor and token == "ha" and _SPANISH_PERFECT.match(text, match.end()):
        return None
    if power in ("2", "3") and not (_is(local, _LENGTH) or _is(local, _TIME)):
        return None  # "cm3", "m/s2": a digit glued is a power of a length or a time only ("kPa2" is no unit)
    if power:
        local += power.translate(_SUPERSCRIPT)
    return local, match.end(), not alone and not factor


def _composes(name: str) -> bool:
    """Do QUDT's naming rules compose ``name`` ("MicroOHM-CentiM", "M2-PER-100-GM") into a unit of a dimension?"""
    try:
        dimension_of(UNIT_NS + name)
    except UnknownUnit:
        return False
    return True


def _is(local: str, dimension: tuple) -> bool:
    try:
        return dimension_of(UNIT_NS + local) == dimension
    except UnknownUnit:
        return False


#: a product written with a dot: "Ω·m", "µΩ·cm", "N·m", "kg·m²"; and with a full stop, as French typography writes
#: the middle dot ("W/m².K", "m².K/W", "W/m.K", "kWh/m².an"): glued to both units, a letter after it (never a digit,
#: "5.2", nor a space, "the value is 5 m. Then"), and read only when a unit follows it (_factor)
_PRODUCT_DOT = re.compile(r"[·⋅]|\.(?=[A-Za-zµμΩΩ°])")
#: a product written with a space or a hyphen ("1.68e-8 Ω m", "µΩ cm", "ohm-cm", "mPa s", "kW h"): read only when its
#: second unit is a length or a time, its first neither a length nor a mass, and QUDT lists the product, prefixes
#: aside (unit:OHM-M, unit:PA-SEC), so that "150 kg K" (potassium), "5 t C" (carbon) and "5 m s" stay as they were
_PRODUCT_SPACE = re.compile(r"[ \u00a0-](?! )")
#: what marks a power after a symbol: the reader reads only the negative powers of a rate's denominators
_POWER_AFTER = re.compile(r"[⁻^]|[-−]\d")


#: the most units a compound's numerator, or its denominator, is read with: QUDT's names have fewer; a longer run is
#: no unit anyone writes, and reading it would take time growing with its square
_MOST_FACTORS = 6


def _product(local: str, text: str, end: int) -> tuple[str, int]:
    """``local`` times the units written after it as a product ("Ω·m": unit:OHM-M), and where they end."""
    for _ in range(_MOST_FACTORS):
        dot = _PRODUCT_DOT.match(text, end)
        if dot:
            factor = _factor(text, dot.end())
            if factor is None or not _composes(f"{local}-{'-'.join(factor[0])}"):
                return local, end
            local, end = f"{local}-{'-'.join(factor[0])}", factor[1]
            continue
        space = _PRODUCT_SPACE.match(text, end)
        found = _unit_at(text, space.end(), factor=True) if space else None
        if (
            found is None
            or _POWER_AFTER.match(text, found[1])
            or not (_is(found[0], _LENGTH) or _is(found[0], _TIME))
            or _is(local, _LENGTH)
            or _is(local, _MASS)
            or not _listed_product(local, found[0])
        ):
            return local, end
        local, end = f"{local}-{found[0]}", found[1]
    return local, end


def _listed_product(first: str, second: str) -> bool:
    """Does QUDT list the product of two units, either of them without its prefix ("MicroOHM", "CentiM": OHM-CentiM)?"""
    units = table()["units"]

    def forms(local: str) -> list[str]:
        return [local] + [
            local[len(p) :] for p in _prefix_symbols() if local.startswith(p) and local[len(p) :] in units
        ]

    return any(f"{a}-{b}" in units for a in forms(first) for b in forms(second))


#: a glued kelvin ending a denominator: "W/mK" is W/(m·K), "J/kgK" J/(kg·K), "W/m²K" (a millikelvin is never a
#: denominator)
_GLUED_KELVIN = re.compile(r"[ \u00a0]?[^\s/()·⋅*,;:]+?K(?![A-Za-zÀ-ÿ0-9²³⁻^])")


#: a passenger-km or a vehicle-km as a rate's denominator: a count times a kilometre, read per kilometre, the count
#: dropped as "per query" drops its own ("41 g CO2 per passenger-km" is 41 g/km; docs/numbers.md)
_COUNT_KM = re.compile(
    r"[ \u00a0\u202f]?(?:(?:p|pax|v)[-‑]?km"
    r"|(?:passengers?|passegger[oi]|passagers?|voyageurs?|vehicles?|veicol[oi]|véhicules?)[-‑ ]?"
    r"(?:km|kilomet(?:re|er)s?|kilomètres?|chilometr[oi])"
    r"|(?:Personen|Fahrzeug)kilometer[n]?)(?![A-Za-zÀ-ÿ0-9²³·-])",
    re.IGNORECASE,
)
#: the standard body surface after a rate, as kidney function is written: "mL/min/1.73 m²", "mL/min per 1.73 m2"
_BODY_SURFACE = re.compile(
    r"[ \u00a0\u202f]?(?:/|per[ \u00a0])[ \u00a0\u202f]?1[.,·]73[ \u00a0\u202f]?m(?:²|2|\^2)(?![A-Za-zÀ-ÿ0-9²³⁻^])",
    re.IGNORECASE,
)
#: a tonne-km as a rate's denominator: a mass times a length, read per (t·km) ("62 g CO2/tkm" is unit:GM-PER-TONNE-KiloM)
_TONNE_KM = re.compile(
    r"[ \u00a0\u202f]?(?:t[-‑]?km|(?:tonnes?|tons?|tonnellat[ae])[-‑ ]?(?:km|kilomet(?:re|er)s?|kilomètres?|chilometr[oi])"
    r"|Tonnenkilometer[n]?)(?![A-Za-zÀ-ÿ0-9²³·-])",
    re.IGNORECASE,
)


def _factor(text: str, pos: int, denominator: bool = False) -> tuple[list[str], int] | None:
    """The unit (or units, "mK" being m·K) a compound has at ``pos``, and where it ends; no power may follow it."""
    if denominator and (count_km := _COUNT_KM.match(text, pos)):
        return ["KiloM"], count_km.end()
    if denominator and (tonne_km := _TONNE_KM.match(text, pos)):
        return ["TONNE", "KiloM"], tonne_km.end()
    kelvin = _GLUED_KELVIN.match(text, pos) if denominator else None
    if kelvin:
        head = _unit_at(text[: kelvin.end() - 1], pos, factor=True)
        if head and head[1] == kelvin.end() - 1:
            return [head[0], "K"], kelvin.end()
    found = _unit_at(text, pos, factor=True)
    if found:
        unit, end = found[0], found[1]
    elif denominator and (only := _DENOMINATOR_ONLY.match(text, pos)):
        unit, end = _DENOMINATOR_UNITS[only.group(1).lower()], only.end()
    else:
        return None
    if unit in ("PERCENT", "PPTH", "UNITLESS") or _POWER_AFTER.match(text, end):
        return None
    return [unit], end


#: a count before a denominator's unit: "m² per 100 g of protein", "5 L per 100 km", "per 1,000 kWh"
_DENOMINATOR_COUNT = re.compile(r"[ \u00a0]?(?P<count>[1-9]\d{0,2}(?:[,\u00a0\u202f ]\d{3})+|[1-9]\d*)(?![.,]?\d)")
#: what joins the units of a product in brackets: "(m·K)", "(m K)", "(m*K)"
_BRACKETED_PRODUCT = re.compile(r"[ \u00a0]?[·⋅*][ \u00a0]?|[ \u00a0]|\.(?=[A-Za-zµμΩΩ°])")


def _joined_factor(text: str, pos: int) -> tuple[list[str], int] | None:
    """A denominator's unit after a product's dot (:func:`_factor`), or the year written `a` ("kWh/(m²·a)",
    "kWh/m².a", as French `an` is read: "kWh/m².an")."""
    year = _ANNUM.match(text, pos)
    return (["YR"], year.end()) if year else _factor(text, pos, denominator=True)


def _denominator(text: str, pos: int) -> tuple[list[str], int] | None:
    """The units of a rate's denominator at ``pos`` and where they end: "kWh", "cm³", "(m·K)", "(m K)", "mK" (m·K),
    "m²·K", "100 g" (a count and a unit); None when no unit is written there (a count: "per 1,000 queries")."""
    factors: list[str] = []
    count = _DENOMINATOR_COUNT.match(text, pos)
    if count:
        written = re.sub(r"\D", "", count.group("count"))
        factors, pos = ([] if written == "1" else [written]), count.end()
    opening = re.compile(r"[ \u00a0]?\(").match(text, pos)
    if opening:
        units, end = [], opening.end()
        while len(units) < _MOST_FACTORS and (
            factor := _joined_factor(text, end) if units else _factor(text, end, denominator=True)
        ):
            units, end = units + factor[0], factor[1]
            joined = _BRACKETED_PRODUCT.match(text, end)
            if not joined:
                break
            end = joined.end()
        if not units or not text.startswith(")", end):
            return None
        return factors + units, end + 1
    first = _factor(text, pos, denominator=True)
    if first is None:
        return None
    units, end = first
    while (
        len(units) < _MOST_FACTORS
        and (dot := _PRODUCT_DOT.match(text, end))
        and (factor := _joined_factor(text, dot.end()))
    ):
        units, end = units + factor[0], factor[1]
    return factors + units, end


#: a qualifier after a mass and before its denominator, written as a chemical formula or its capitals: a nutrient
#: ("150 kg N/ha", "60 kg P2O5 per ha", "kg K₂O ha⁻¹"), carbon ("Pg C yr⁻¹"), dry matter ("kg DM/ha"); it belongs to
#: the measurand, as CO2e does (docs/units.md)
_MASS_QUALIFIER = re.compile(
    r"[ \u00a0](?:(?:of|de)[ \u00a0])?(?:[A-Z][a-z]?[0-9₀-₉]*){1,4}(?:-[A-Z][a-z]?[0-9₀-₉]*)?"
    r"(?=[ \u00a0]?/|[ \u00a0](?:" + _RATE_WORDS + r")[ \u00a0]|[ \u00a0·⋅]\S+?(?:⁻|\^|[-−]\d))"
)


def _rate(local: str, text: str, end: int) -> tuple[str, int]:
    """The unit ``local`` written before ``end``, or the compound it begins: a product ("Ω·m" is unit:OHM-M), a rate
    when "/" or a rate word and a second unit follow ("231 gCO2e/kWh" is unit:GM-PER-KiloW-HR, "$0.078/kWh"
    unit:CCY_USD-PER-KiloW-HR, "401 W/(m·K)" unit:W-PER-M-K, "164 m² per 100 g" unit:M2-PER-100-GM), or one whose
    denominators are negative powers ("t ha⁻¹"), composed by QUDT's naming rules. A rate per decade ("0.2 °C per
    decade") is returned per year, marked :data:`_PER_DECADE` (the reader divides its value by ten: _per_year).
    A compound written but not read (a denominator no rule composes, a symbol not known) is :data:`UNIT_NOT_READ`."""
    if local in ("PERCENT", "PPTH", "UNITLESS"):
        return UNIT_NS + local, end
    local, end = _product(local, text, end)
    if powered := _negative_powers(local, text, end):
        return powered
    per = _PER.match(text, end)
    if per is None and _is(local, _MASS) and (qualifier := _MASS_QUALIFIER.match(text, end)):
        per = _PER.match(text, qualifier.end())  # "150 kg N/ha": the nutrient is the measurand's
    if per is None and (daily := _DAILY.match(text, end)) and _composes(f"{local}-PER-DAY"):
        # "10 mg daily", "10 mg once daily": a dose per day, as "10 mg per day" ("twice daily" is no rate read: the
        # number stays the dose, never 10 mg/day)
        return UNIT_NS + f"{local}-PER-DAY", daily.end()
    if per is None:
        return _unread(text, end) or (UNIT_NS + local, end)
    slash = per.group(0).endswith("/")
    decade = _DECADE.match(text, per.end())
    # "0.2 °C per decade": 0.02 °C per year (QUDT's DECADE is a ratio); "120 TWh/a": QUDT's symbol of the year
    year = decade or (_ANNUM.match(text, per.end()) if slash else None)
    # "10 mg/d": the day as medicine writes it, after a slash only (QUDT's symbol of the day)
    day = None if year else (_DIEM.match(text, per.end()) if slash else None)
    denominator = (["YR"], year.end()) if year else (["DAY"], day.end()) if day else _denominator(text, per.end())
    if denominator is None and (gallon := _GALLON.match(text, per.end())):
        denominator = ([_gallon(gallon.group("which"))], gallon.end())  # "25.4 miles per gallon", "$3.50/gal"
    if denominator is None and (unconverted := _NOT_CONVERTED_DENOMINATOR.match(text, per.end())):
        return UNIT_NOT_READ, unconverted.end()  # "150 bushels per acre"
    if denominator is None:
        word = _DENOMINATOR_WORD.match(text, per.end())
        if word and _unreadable_denominator(word.group(0).rstrip("."), slash):
            # "90 gCO2 per room-night" is no mass: its unit is not read, so it is taken for no claim's unit
            return UNIT_NOT_READ, word.start() + len(word.group(0).rstrip("."))
        count = _DENOMINATOR_COUNT.match(text, per.end())
        if count and (unread := _UNIT_NOT_READ_AFTER.match(text, count.end())):
            return UNIT_NOT_READ, unread.end()  # "5 g per 100 XJ"
        if period := _period_after_count(text, per.end()):
            # "3360 kWh per dwelling per year", "par logement et par an", "per woning per jaar": the count is dropped,
            # as "per dwelling" alone drops it, and the period kept, as "per year per dwelling" keeps it
            name = f"{local}-PER-{period[0]}"
            if _composes(name):
                return UNIT_NS + name, period[1]
        return _unread(text, end) or (UNIT_NS + local, end)
    units, end = denominator
    # "3 t/ha/yr", "5 kg per ha per year": a denominator of several units, one after the other
    while (
        len(units) < _MOST_FACTORS
        and not decade
        and (more := _PER.match(text, end))
        and (following := _denominator(text, more.end()))
    ):
        units, end = units + following[0], following[1]
    if surface := _BODY_SURFACE.match(text, end):
        # "30 mL/min/1.73 m²": an eGFR, normalised to a body surface the measurand names, read per minute as "per
        # passenger-km" is read per km
        end = surface.end()
    name = f"{local}-PER-{'-'.join(units)}"
    if not _composes(name):
        return UNIT_NOT_READ, end  # a denominator written, no unit QUDT's rules compose
    activity = _OF_ACTIVITY.match(text, end) if units[-1] in _ACTIVITY_TIMES else None
    # "per hour of video": the activity is part of the rate's words (see _amount_per_period)
    return (_PER_DECADE if decade else "") + UNIT_NS + name, activity.end() if activity else end


#: a count after a rate word, then a period after another ("per dwelling per year", "par logement et par an", "per
#: woning per jaar")
_COUNT_BEFORE_PERIOD = re.compile(r"[A-Za-zÀ-ÿ]+,?(?:[ \u00a0](?:and|et|en|und|y|e))?(?=[ \u00a0])")


def _period_after_count(text: str, pos: int) -> tuple[str, int] | None:
    """The period (YR, MO, WK, DAY) of a rate written after a count at ``pos`` ("dwelling per year") and where it
    ends; None when no count and period are written there."""
    count = _COUNT_BEFORE_PERIOD.match(text, pos)
    more = _PER.match(text, count.end()) if count else None
    following = _denominator(text, more.end()) if more else None
    if following and len(following[0]) == 1 and following[0][0] in _PERIODS:
        return following[0][0], following[1]
    return None


#: what goes on after a unit read as the unit's own words, unread: a product ("W·XJ"), a power ("t XJ⁻¹", "kg m^2",
#: "t foo-1"), a word over a unit ("5 kg grain/ha"); the number's unit is then not read, never the part before it.
#: A dot with a space after it separates items ("552 t · BLOOM: 25 t"), and is no product
_POWERED_WORD = re.compile(r"(?:[ \u00a0\u202f·⋅]\(?[A-Za-zµμΩΩ°][^\s·⋅]*?(?:⁻[¹²³⁴⁵⁶⁷⁸⁹]+|\^\{?[-−]?\d+\}?)\)?)+")
_UNREAD_COMPOUND = re.compile(
    r"[ \u00a0]?[·⋅]\(?[A-Za-zµμΩΩ°]\S*|"
    + _POWERED_WORD.pattern
    + r"|(?:[ \u00a0\u202f](?:[a-zµμ][A-Za-z]{0,2}|K)[-−][1-9](?![\w.,]))+"
)
_WORD_OVER_UNIT = re.compile(r"[ \u00a0][A-Za-zÀ-ÿ]+/")


def _unread(text: str, end: int) -> tuple[str, int] | None:
    """:data:`UNIT_NOT_READ` and where the unread compound after ``end`` ends, when one goes on there; else None."""
    compound = _UNREAD_COMPOUND.match(text, end)
    if compound:
        return UNIT_NOT_READ, compound.end()
    over = _WORD_OVER_UNIT.match(text, end)
    if over and (unit := _unit_at(text, over.end(), factor=True)):
        return UNIT_NOT_READ, unit[1]
    return None


def currencies_written(symbol: str) -> list[str]:
    """The currencies (QUDT local names) a symbol the reader reads before a number names: ``R$`` is
    ``CCY_BRL``, ``C$`` ``CCY_CAD``, ``£`` ``CCY_GBP``; a symbol several currencies share, each of them, the
    usual one first (``¥``: ``CCY_JPY``, ``CCY_CNY``; ``$``: the dollars); ``[]`` for anything else."""
    text = symbol.strip()
    written = _CURRENCY_BEFORE.fullmatch(text) or _CURRENCY_BEFORE.fullmatch(text.upper())
    if written is None:
        return []
    if written.group("code"):
        return ["CCY_" + written.group("code")]
    if written.group("sign"):
        shared = _CURRENCY_SYMBOLS.get(written.group("sign"))
        return ["CCY_" + code for code in shared] if shared else [_UNITS[written.group("sign")]]
    prefix = written.group("dollar")
    return ["CCY_" + _DOLLAR_PREFIXES[prefix]] if prefix else ["CCY_" + code for code in _CURRENCY_SYMBOLS["$"]]


def unit_written(words: str) -> str | None:
    """The QUDT unit the reader reads in ``words`` written after a number ("kg/kWh", "tCO2e", "gCO2/kWh",
    "PFLOP/s-day", "liter", "€"), or None when it reads none in the whole of them."""
    text = " " + " ".join(words.split())
    unit, end = _unit_after(text, 0)
    if unit is not None and unit.startswith(UNIT_NS) and end < len(text):
        qualifier = re.compile(_CO2_QUALIFIER, re.IGNORECASE).fullmatch(text, end)
        if qualifier and dimension_of(unit) == (("M", 1),):
            end = len(text)  # "Gt CO₂-eq": the mass's unit, its qualifier the measurand's (docs/units.md)
    if unit is not None and unit.startswith(_PER_DECADE):
        return None  # "K/decade": QUDT has no unit per decade (its DECADE is a ratio); unit_written_per_decade
    return unit if end == len(text) and unit != UNIT_NOT_READ else None


def unit_written_per_decade(words: str) -> str | None:
    """The per-year unit of a rate ``words`` writes per decade ("K/decade", "°C per decade": unit:K-PER-YR,
    unit:DEG_C-PER-YR; its values are a tenth of the values per decade), None for any other words."""
    text = " " + " ".join(words.split())
    unit, end = _unit_after(text, 0)
    if unit is not None and unit.startswith(_PER_DECADE) and end == len(text):
        return unit[len(_PER_DECADE) :]
    return None


#: "pounds" after a number: sterling after a scale word ("40 million pounds"), else perhaps a mass (_unit_after)
_POUNDS = re.compile(r"[ \u00a0]pounds?(?![A-Za-zÀ-ÿ0-9])", re.IGNORECASE)
_ANNUM = re.compile(r"a(?![A-Za-zÀ-ÿ0-9])")
_DIEM = re.compile(r"d(?![A-Za-zÀ-ÿ0-9²³⁻^])")
#: a dose per day written after its unit: "10 mg daily", "10 mg once daily", "10 mg once a day"
_DAILY = re.compile(r"[ \u00a0](?:once[ \u00a0](?:daily|a[ \u00a0]day)|daily)(?![A-Za-zÀ-ÿ0-9])", re.IGNORECASE)
#: a decade as a rate's denominator, in the languages the reader knows ("per decade", "/decade", "par décennie",
#: "pro Jahrzehnt", "por década")
_DECADE = re.compile(
    r"[ \u00a0\u202f]?(?:decades?|décennies?|decennies?|jahrzehnte?n?|dekaden?|décadas?|decadas?)(?![A-Za-zÀ-ÿ0-9])",
    re.IGNORECASE,
)
#: the mark of a unit read per decade, before the per-year unit's IRI: the reader divides the number by ten
_PER_DECADE = "urn:claimgraph:per-decade:"
#: a denominator written as a negative power after a space or a dot, as climate science and physics write rates:
#: "W m⁻²", "W·m⁻²", "W m-2", "W m^-2", "Gt yr⁻¹", "mm yr-1", "kg m-3", "g CO2 kWh-1", "kg m⁻² s⁻¹", "t ha⁻¹", "m³ kg⁻¹
#: s⁻²": a symbol of :func:`_symbols` or of these (case matters), to any power QUDT's naming rules compose; a unit of
#: several (kWh) and a decade to the power one only
_POWER_SYMBOLS = {
    "m": "M", "km": "KiloM", "cm": "CentiM", "yr": "YR", "a": "YR", "d": "DAY", "day": "DAY", "h": "HR", "s": "SEC",
    "kWh": "KiloW-HR", "MWh": "MegaW-HR", "GWh": "GigaW-HR", "TWh": "TeraW-HR", "kg": "KiloGM", "t": "TONNE", "K": "K",
    "decade": "YR",  # "0.2 K decade⁻¹": read per year, as "per decade" (_PER_DECADE)
}  # fmt: skip
#: a symbol of one capital that is a power only with a superscript or a caret ("A⁻¹"): "5 MW T-1" names a unit
_DASH_NOT_POWER = frozenset("ACVNSTHF")


_NEGATIVE_POWER = re.compile(
    r"(?:[ \u00a0\u202f]?[·⋅][ \u00a0\u202f]?|[ \u00a0\u202f])(?P<symbol>[A-Za-zµμΩΩ]+)"
    r"(?:⁻(?P<superscript>[¹²³⁴⁵⁶⁷⁸⁹])|(?P<caret>\^)?\{?[-−](?P<digit>[1-9])\}?)(?![A-Za-zÀ-ÿ0-9⁰-⁹])"
)


def _negative_power_at(text: str, pos: int) -> re.Match | None:
    """A denominator written as a negative power at ``pos`` (:data:`_POWER_SYMBOLS`), None for none or an unknown
    symbol's; a symbol of one capital letter takes a hyphen's power only after a caret ("5 MW T-1" names a unit)."""
    power = _NEGATIVE_POWER.match(text, pos)
    if power is None:
        return None
    symbol = power.group("symbol")
    if symbol not in _POWER_SYMBOLS and symbol not in _symbols():
        return None
    if power.group("digit") and not power.group("caret") and symbol in _DASH_NOT_POWER:
        return None
    return power


def _power_symbol(symbol: str) -> str:
    return _POWER_SYMBOLS.get(symbol) or _symbols()[symbol][0]


#: what may stand between a mass and its denominator written as a power: "g CO2 kWh-1", "Gt of ice yr⁻¹"
_BEFORE_POWER = re.compile(r"(?i:" + _CO2_QUALIFIER + r"|\s(?:of|de|d['’])\s?" + _RESOURCES + r")")


def _negative_powers(local: str, text: str, end: int) -> tuple[str, int] | None:
    """The rate ``local`` is the numerator of when denominators written as negative powers follow ``end`` ("W m⁻²"
    is unit:W-PER-M2, "kg m⁻² s⁻¹" unit:KiloGM-PER-M2-SEC; with no numerator, "mol⁻¹" is unit:PER-MOL); None when
    none follows. A run QUDT's rules do not compose is a unit not read."""
    start = end
    qualifier = _BEFORE_POWER.match(text, end) or (_MASS_QUALIFIER.match(text, end) if _is(local, _MASS) else None)
    if qualifier and _negative_power_at(text, qualifier.end()):
        start = qualifier.end()
    denominators: list[str] = []
    decade = False
    position = start
    while len(denominators) < _MOST_FACTORS and (power := _negative_power_at(text, position)):
        symbol = power.group("symbol")
        exponent = int(power.group("digit") or "¹²³⁴⁵⁶⁷⁸⁹".index(power.group("superscript")) + 1)
        unit = _power_symbol(symbol)
        if exponent > 1 and ("-" in unit or symbol == "decade"):
            return UNIT_NOT_READ, power.end()  # "kWh⁻²" is no (kW·h)⁻² QUDT's names write; nor is a decade squared
        denominators.append(unit + (str(exponent) if exponent > 1 else ""))
        decade = decade or symbol == "decade"
        position = power.end()
    if not denominators:
        return None
    name = f"{local}-PER-{'-'.join(denominators)}" if local else f"PER-{'-'.join(denominators)}"
    if not _composes(name):
        return UNIT_NOT_READ, position
    return (_PER_DECADE if decade else "") + UNIT_NS + name, position


#: units in words the reader does not convert, whose size depends on what or where they measure: a bushel of maize
#: weighs more than one of oats, a gallon, a pint or a quart is American or imperial, an ounce avoirdupois or troy
#: ("150 bushels per acre", "5 gallons"): the number's unit is not read, so it states no claim, rather than one in
#: the claim's unit
_NOT_CONVERTED_WORDS = (
    r"(?:bushels?|bu|pints?|quarts?|ounces?|oz|fl\.?[ \u00a0]oz|cwt"
    # Italian "miglia" are statute, nautical or Roman miles
    r"|miglia|miglio)(?![A-Za-zÀ-ÿ0-9])"
)
#: a gallon, American unless the words say imperial or UK: read as unit:GAL_US, and a claim in either gallon states it
#: (:func:`_alternative_units`), as "$" states any dollar: "5 gallons", "$3.50 per gallon", "per imperial gallon"
_GALLON = re.compile(
    r"[ \u00a0]?(?:(?P<which>US|U\.S\.|UK|imperial|Imperial)[ \u00a0])?(?:gallons?|gal)(?![A-Za-zÀ-ÿ0-9])",
    re.IGNORECASE,
)
#: a distance per gallon: "25.4 mpg", "25.4 miles per gallon" (a rate, _rate), "30 mpg (imperial)"
_MPG = re.compile(
    r"[ \u00a0](?:(?P<which>US|UK|imperial)[ \u00a0])?mpg(?![A-Za-zÀ-ÿ0-9])(?:[ \u00a0]?\((?P<after>US|UK|imperial)\))?",
    re.IGNORECASE,
)
#: such a unit as a rate's denominator ("miles per gallon", "$/gal", "per US gallon"): the rate is not read either
_NOT_CONVERTED_DENOMINATOR = re.compile(
    r"[ \u00a0]?(?:(?:US|U\.S\.|UK|imperial|Imperial)[ \u00a0])?" + _NOT_CONVERTED_WORDS, re.IGNORECASE
)
_NOT_CONVERTED = re.compile(
    r"[ \u00a0]"
    + _NOT_CONVERTED_WORDS
    + r"(?:(?:[ \u00a0]?/|[ \u00a0](?:"
    + _RATE_WORDS
    + r")[ \u00a0])[^\s,;:()\[\]]+)?",
    re.IGNORECASE,
)


#: units the reader reads only after "/" or a rate word ("120 g CO2/km", "5 kWh per km", "2 L per minute"):
#: before them, "km" or "s" alone might be a name or a word the reader would take for a quantity's unit
_DENOMINATOR_UNITS = {
    "km": "KiloM",
    "kilometre": "KiloM",
    "kilometer": "KiloM",
    "kilomètre": "KiloM",
    "kilómetro": "KiloM",
    "m": "M",
    "s": "SEC",
    "sec": "SEC",
    "second": "SEC",
    "seconde": "SEC",
    "min": "MIN",
    "minute": "MIN",
    "ac": "AC",  # "150 bu/ac": an acre, only as a denominator ("5 AC units" are air conditioners)
    "tag": "DAY",  # "5 kWh pro Tag": German's day, only as a denominator ("5 tag lines" are English tags)
}
_DENOMINATOR_ONLY = re.compile(
    r"[ \u00a0\u202f]?(" + "|".join(sorted(map(re.escape, _DENOMINATOR_UNITS), key=len, reverse=True)) + r")"
    # a slash after it begins another denominator no rule reads ("mL/min/kg"), but the body surface ("mL/min/1.73 m²")
    r"(?![A-Za-zÀ-ÿ0-9²³·-]|/(?![ \u00a0\u202f]?1[.,·]73[ \u00a0\u202f]?m))",
    re.IGNORECASE,
)


#: a count per so many people after a number, as epidemiology prints rates: "12.5 per 100,000 person-years",
#: "3 deaths per 1,000 live births", "12,5 pour 100 000 habitants", "7 je 100.000 Einwohner", "4 por cada 100.000
#: habitantes", "2 per million population per year"; the scale is the rate's denominator, no number of its own
_PER_POPULATION = re.compile(
    r"(?:[ \u00a0](?:deaths?|cases?|events?|infections?|admissions?|hospitali[sz]ations?|births?|décès|cas"
    r"|Todesfälle|Sterbefälle|Fälle|muertes|casos|defunciones|fallecimientos))?"
    r"(?:[ \u00a0]?/[ \u00a0]?|[ \u00a0](?:per|pour|pro|je|por(?:[ \u00a0]cada)?)[ \u00a0])"
    r"(?:(?:one|a|un|une|eine|una)[ \u00a0])?"
    r"(?P<scale>1(?:0{0,2}(?P<sep>[,.'\u00a0\u202f ])000(?:(?P=sep)000)?|0{2,6})(?!\d|[,.]\d)"
    r"|(?:thousand|million|mille|Tausend|Million|mil|millón)(?![A-Za-zÀ-ÿ]))"
    r"(?:(?P<person_time>[ \u00a0-](?:person|people|patient|man|woman|child)[ \u00a0-]?(?P<period>years?|months?|days?)"
    r"|[ \u00a0](?:PYs?|pyrs?)|[ \u00a0](?:personnes?[- ]années?|années?[- ]personnes?|Personenjahren?"
    r"|personas?[- ]años?|años[- ]persona))(?![A-Za-zÀ-ÿ])"
    r"|(?P<population>[ \u00a0](?:population|inhabitants|habitants|Einwohner(?:innen)?|habitantes|people|persons"
    r"|individuals|residents|personnes|Personen|personas|live[ \u00a0]births|births|naissances|adults|children"
    r"|women|men|patients|person)(?![A-Za-zÀ-ÿ])))?"
    r"(?P<yearly>,?[ \u00a0](?:per|a|each|par|pro|je|por|al)[ \u00a0](?:year|annum|an|Jahr|año)(?![A-Za-zÀ-ÿ])"
    r"|,?[ \u00a0](?:annually|yearly|jährlich|anuales?|annuels?|annuellement)(?![A-Za-zÀ-ÿ])"
    r"|[ \u00a0]?/[ \u00a0]?(?:year|yr|a)(?![A-Za-zÀ-ÿ]))?"
)
#: what may follow a scale after "per" with neither people nor a period named, for it to be a rate's denominator
#: ("12.5 per 100,000 in 2020"); another word may be a unit the reader does not read ("5 per 100 vehicle-km")
_AFTER_BARE_PER_SCALE = re.compile(
    r"\s*(?:$|[.,;:)\]]|(?:in|among|for|and|or|vs\.?|versus|with|from|during|at|of|en|chez|dans|et|ou|bei|im|und"
    r"|oder|y|o|entre|de|del|con)\b)",
    re.IGNORECASE,
)
_PERSON_TIME = {"year": "YR", "month": "MO", "day": "DAY"}
_SCALE_OF_PEOPLE = {"thousand": 1000, "mille": 1000, "tausend": 1000, "mil": 1000, "million": 10**6, "millón": 10**6}


def _per_population(text: str, end: int) -> tuple[str, str | None, int] | None:
    """The rate per so many people written after a unitless number ("per 100,000 person-years"): its QUDT unit
    (unit:NUM-PER-100000-INDIV-YR, or unit:NUM-PER-100000 for a ratio with no period), for a ratio the yearly rate
    it may also be, and where it ends; None when no such rate is written there."""
    match = _PER_POPULATION.match(text, end)
    if match is None:
        return None
    if not (match.group("person_time") or match.group("population") or match.group("yearly")):
        if not _AFTER_BARE_PER_SCALE.match(text, match.end()):
            return None
    written = match.group("scale").lower()
    scale = _SCALE_OF_PEOPLE.get(written) or int(re.sub(r"\D", "", written))
    period = match.group("period")
    if period:
        time = _PERSON_TIME[period.lower().rstrip("s")]
    elif match.group("person_time") or match.group("yearly"):
        time = "YR"
    else:
        return UNIT_NS + f"NUM-PER-{scale}", UNIT_NS + f"NUM-PER-{scale}-INDIV-YR", match.end()
    return UNIT_NS + f"NUM-PER-{scale}-INDIV-{time}", None, match.end()


def _unreadable_denominator(word: str, slash: bool) -> bool:
    """The word after "per" or "/" names a unit the reader does not read ("room-night", "m²", "100km", "XJ",
    and after a slash a symbol of one or two letters: "TWh/y"), not a count ("query", "user", "1,000"), which
    leaves the numerator's unit as it is."""
    if slash and re.fullmatch(r"[A-Za-zµ]{1,2}", word):
        return True
    if re.search(r"[-/·²³]", word) or (re.search(r"\d", word) and _LETTER.search(word)):
        return True
    return _UNIT_NOT_READ_AFTER.fullmatch(" " + word) is not None


def _currency_before(text: str, start: int) -> tuple[str, int] | None:
    """The money written just before a number ("$", "US$ ", "€", "USD "): its QUDT unit's local name and
    where it starts; None for none. A dollar sign in a text holding LaTeX ("$10^{23}$") opens math."""
    match = _CURRENCY_BEFORE.search(text, max(0, start - 5), start)
    if match is None:
        return None
    if match.group("code"):
        code = match.group("code")
    elif match.group("sign"):
        code = _UNITS[match.group("sign")][4:]
    else:
        if _holds_latex(text):
            return None
        code = _DOLLAR_PREFIXES.get(match.group("dollar") or "", "USD")
    return "CCY_" + code, match.start()


#: a dollar sign closing LaTeX's math after a number: "$N=7$", "$10^{23}$"
_MATH_CLOSE = re.compile(r"[ \u00a0]?\$")


def _holds_latex(text: str) -> bool:
    """A text copied from LaTeX's source ("\\cite{a}", "35{,}000"), whose dollar signs open and close math."""
    return "\\" in text or "{" in text


def _gallon(which: str | None) -> str:
    """QUDT's gallon the words name: imperial for "UK" or "imperial", else the American one (which a claim in the
    imperial gallon still matches: :func:`_alternative_units`)."""
    return "GAL_UK" if which and which.lower() in ("uk", "imperial") else "GAL_US"


#: the words that say a gallon is American
_SAID_US = re.compile(r"\bU\.?S\.?(?![A-Za-z])|\bUS\b")


def _alternative_units(number: NumberInText) -> tuple[str, ...]:
    """Every unit a number may be in: its money any currency sharing its symbol (:func:`_currencies`), and a gallon the
    words do not say is American or imperial either one ("25.4 mpg" states 25.4 mi/gal{US} and 25.4 mi/gal{UK})."""
    units = _currencies(number)
    if any("GAL_US" in unit for unit in units) and not _SAID_US.search(number.written):
        units = (*units, *(unit.replace("GAL_US", "GAL_UK") for unit in units if "GAL_US" in unit))
    return units


def _currencies(number: NumberInText) -> tuple[str, ...]:
    """Every unit a number's money may be: "$5" is US dollars, or Canadian, Australian… dollars (one symbol,
    several currencies: any of them may be the claim's); one unit for any other number."""
    unit = number.unit
    if unit is None or "CCY_" not in unit or not any(mark in number.written.lower() for mark in _CURRENCY_SYMBOLS):
        return (unit,) if unit else ()
    written = number.written.lower()
    if re.search(r"(?:us|au|a|ca|c|hk|nz|s|r)\$|usd|us dollar|\$us|dollars? (?:us|am)|us cent|euro[ -]?cent", written):
        return (unit,)  # a dollar said to be one country's
    mark = next(mark for mark in _CURRENCY_SYMBOLS if mark in written)
    shared = _CURRENCY_SYMBOLS[mark]
    # the currency read first (the euro of "40 Cent" in a German text, else the usual one), then the others
    first = next((code for code in shared if "CCY_" + code in unit), shared[0])
    return (unit, *(unit.replace("CCY_" + first, "CCY_" + code) for code in shared if code != first))


def _clean(value: float) -> float:
    """12 significant digits: 1.2 trillion is 1.2e12, not 1.2000000000000002e12."""
    return float(f"{value:.12g}") if math.isfinite(value) else value


def _unique(values: tuple[float, ...]) -> tuple[float, ...]:
    return tuple(dict.fromkeys(values))


def describe(
    reading: Reading, limit: int = 6, claimed_unit: str | None = None, catalogue: Catalogue | None = None
) -> str:
    """The numbers read, for a message: "1287 MWh (or 1.287 MWh), 552 t"; "none" when there are none. With
    ``claimed_unit`` (a QUDT IRI), a number in a unit of another dimension than its is marked so ("62 g/(t·km)
    (another dimension)"): it can state no claim in that unit, and is no figure of the check's facts (``read``).
    ``catalogue``: the registry's units, for a claim in a unit it declares (:func:`states`)."""
    from .quantities import format_number, unit_label

    shown = []
    for number in (n for n in reading.numbers if not n.alternative):
        unit = unit_label(number.unit) if number.unit and number.unit != UNIT_NS + "UNITLESS" else ""
        if number.unit == UNIT_NS + "PPTH":
            unit = "‰"
        if number.unit == UNIT_NOT_READ:
            shown.append(f"{' '.join(number.written.split())} (unit not read)")
            continue
        elsewhere = " (another dimension)" if of_another_dimension(number, claimed_unit, catalogue) else ""
        # every digit read, without float noise ("1234567", not "1.23457e+06"); a power of ten only where
        # positional notation is no longer read at a glance, as everywhere else (quantities.format_number)
        spread = f" ± {format_number(number.uncertainty)}" if number.uncertainty else ""
        words = [f"{format_number(r)}{spread} {unit}".strip() for r in number.readings[:2]]
        shown.append(words[0] + (f" (or {words[1]})" if len(words) > 1 else "") + elsewhere)
    if not shown:
        return "none"
    return ", ".join(shown[:limit]) + (", …" if len(shown) > limit else "")


def of_another_dimension(number: NumberInText, claimed_unit: str | None, catalogue: Catalogue | None = None) -> bool:
    """Is ``number`` written in a unit read whose dimension is not that of ``claimed_unit`` ("62 g/(t·km)" for a
    claim in g)? A bare number, a unit not read, and a unit or a claim's unit no rule resolves (in ``catalogue``,
    the registry's units, when given) are not."""
    if not claimed_unit or not number.unit or number.unit == UNIT_NOT_READ:
        return False
    try:
        return dimension_of(number.unit, catalogue) != dimension_of(claimed_unit, catalogue)
    except UnknownUnit:
        return False


# ------------------------------------------------------------------ matching a claim's value


def states(
    quantity: Quantity,
    text: str,
    languages: tuple[str, ...] = ("en", "fr"),
    *,
    text_rounding: bool = False,
    difference: bool | None = None,
    catalogue: Catalogue | None = None,
) -> bool:
    """Does ``text`` state ``quantity``, under any reading of its numbers?

    Units are compared through the unit code (1.3 GWh matches "1,287 MWh"; 70 % matches 0.7), a
    number written without a unit is taken in the claim's unit, and the claim's rounding is allowed
    for (433 matches "433,196 kWh"). With ``text_rounding`` the text's own rounding is allowed
    for too: a statement printing "1,3 GWh" states a value of 1287 MWh. A range needs both
    bounds stated, or a value with its uncertainty ("210 ± 5" states 205 to 215). A negative value is
    also stated by its magnitude when the words say it is a fall ("emissions fell by 48.6 %" states −48.6 %).

    ``difference`` says what the claim's quantity kind makes of a temperature written in another scale
    (:func:`claimgraph.quantities.temperature_reading`): True, a difference (a warming of 1.1 °C states 1.1 K);
    False, a temperature (288 K states 14.85 °C, never 288 °C); None, the kind does not say: either reading.

    ``catalogue`` is the registry's units (:func:`claimgraph.quantities.catalogue_for`): a claim in a unit the
    registry declares (3 GPU-HR, an hour each) is compared through it ("3 hours" states it); None, QUDT's alone.

    >>> from claimgraph.quantities import UNIT_NS
    >>> states(Quantity(unit=UNIT_NS + "GigaW-HR", value=1.3, lexical="1.3"), "it took 1,287 MWh")
    True
    >>> states(Quantity(unit=UNIT_NS + "UNITLESS", value=280.0, lexical="280"), "GPT-3 | 280 | 450")
    True
    """
    return reading_states(
        quantity,
        read_numbers(text, languages),
        text,
        text_rounding=text_rounding,
        difference=difference,
        catalogue=catalogue,
    )


def printed_as(
    quantity: Quantity,
    text: str,
    languages: tuple[str, ...] = ("en", "fr"),
    *,
    difference: bool | None = None,
    catalogue: Catalogue | None = None,
) -> str | None:
    """The words of ``text`` that state ``quantity`` ("1,3 GWh", "100 millions"), as printed; None if none
    does (or the quantity is a range). The text's own rounding is allowed for, as for a statement; ``catalogue``
    as for :func:`states`.

    >>> from claimgraph.quantities import UNIT_NS
    >>> printed_as(Quantity(unit=UNIT_NS + "MegaW-HR", value=1287.0, lexical="1287"), "il aurait fallu 1,3 GWh", ("fr",))
    '1,3 GWh'
    """
    if quantity.is_range or quantity.value is None:
        return None
    for number in read_numbers(text, languages).numbers:
        if not number.alternative and _fits(number, quantity.value, quantity, True, difference, catalogue):
            return " ".join(text[number.start : number.end].split())
    return None


def reading_states(
    quantity: Quantity,
    reading: Reading,
    text: str,
    *,
    text_rounding: bool = False,
    difference: bool | None = None,
    catalogue: Catalogue | None = None,
) -> bool:
    """:func:`states` on a text already read (``reading`` is ``read_numbers(text)``)."""
    numbers = reading.numbers
    if quantity.is_range:
        if any(_fits(n, quantity.lower, quantity, text_rounding, difference, catalogue) for n in numbers) and any(
            _fits(n, quantity.upper, quantity, text_rounding, difference, catalogue) for n in numbers
        ):
            return True
        # "210 ± 5 GPa" states the interval 205 to 215 GPa (never a point claim of either bound)
        return any(
            _fits(_bound(n, -1), quantity.lower, quantity, text_rounding, difference, catalogue)
            and _fits(_bound(n, 1), quantity.upper, quantity, text_rounding, difference, catalogue)
            for n in numbers
            if n.uncertainty
        )
    targets = [quantity]
    if quantity.value < 0 and _DECREASE.search(text):
        targets.append(replace(quantity, value=-quantity.value, lexical=(quantity.lexical or "").lstrip("-") or None))
    return any(
        _fits(n, target.value, target, text_rounding, difference, catalogue) for target in targets for n in numbers
    )


def _bound(number: NumberInText, side: int) -> NumberInText:
    """The low (``side`` −1) or high (+1) end of the interval a value and its uncertainty write."""
    return replace(
        number, readings=tuple(_clean(r + side * number.uncertainty) for r in number.readings), uncertainty=0.0
    )


#: words that say a change is a fall, so that its number may be printed without a minus sign
_DECREASE = re.compile(
    r"\b(?:fell|fall|falls|fallen|drop|drops|dropped|decrease[sd]?|decline[sd]?|reduc(?:e|ed|es|tion)|lower|less|"
    r"down|cut|shr[ai]nk|baiss\w*|diminu\w*|réduction|réduit\w*|recul\w*|moins|chute\w*|repli"
    # German ("sank um 12 %", "ging um 12 % zurück", "Rückgang um") and Spanish ("bajó un 12 %", "cayó", "descenso de")
    r"|sank\w*|sinkt|sinken|gesunken|senkung|gesenkt|rückgang\w*|zurück\w*|verringer\w*|reduzier\w*|reduktion|"
    r"weniger|abnahme|abgenommen|fiel|fielen|gefallen|minus|"
    # "eine Minderung um 46,1 %", "um 46,1 % gemindert", "46,1 % unter dem Niveau von 1990": German climate reports'
    # words of a cut; "46 % below 1990 levels", "por debajo", "en dessous", "inférieur"
    r"minderung\w*|gemindert|vermindert\w*|unter (?:dem|den)|unterhalb|below|"
    r"baj[óa]\w*|disminu\w*|ca[íy]\w*|descen\w*|redu[jc]\w*|menos|por debajo|en dessous|inférieur\w*)\b",
    re.IGNORECASE,
)


#: the periods of a yearly, monthly, weekly or daily amount ("12,000 kWh per year", "400 kg de CO2 par an")
_PERIODS = ("YR", "MO", "WK", "DAY")
#: a time an activity lasts, as a rate's denominator: "0.077 kWh per hour of video" is an amount per hour of
#: an activity (a claim of 0.077 kWh is its amount), where "12 kWh per hour" is a power
_ACTIVITY_TIMES = ("HR", "MIN", "SEC")
_OF_ACTIVITY = re.compile(r"[ \u00a0](?:of|de|d['’])\s?[A-Za-zÀ-ÿ]+", re.IGNORECASE)


def _amount_per_period(unit: str | None, written: str = "") -> str | None:
    """The amount's unit of a rate over a calendar period (unit:KiloW-HR for unit:KiloW-HR-PER-YR, unit:KiloGM-PER-HA
    for unit:KiloGM-PER-HA-YR: "150 kg N ha⁻¹ yr⁻¹" is a yearly rate per hectare), else None."""
    if unit is None:
        return None
    per_activity, per_period = _rate_amounts(unit)
    if per_activity is not None and _OF_ACTIVITY.search(written):
        return per_activity
    return per_period


@lru_cache(maxsize=1024)  # (asked twice for each number compared with a claim's value: units are few)
def _rate_amounts(unit: str) -> tuple[str | None, str | None]:
    """What :func:`_amount_per_period` makes of ``unit``: the amount of a rate per activity time (if the words say
    it is an activity's), and the amount of a rate over a calendar period."""
    if not unit.startswith(UNIT_NS):
        return None, None
    amount, per, period = unit[len(UNIT_NS) :].rpartition("-PER-")
    if not per:
        return None, None
    per_activity = UNIT_NS + amount if period in _ACTIVITY_TIMES else None
    others, _, last = period.rpartition("-")
    if others and last in _PERIODS:
        return per_activity, UNIT_NS + f"{amount}-PER-{others}"
    return per_activity, UNIT_NS + amount if period in _PERIODS else None


def _fits(
    number: NumberInText,
    target: float,
    quantity: Quantity,
    text_rounding: bool,
    difference: bool | None = None,
    catalogue: Catalogue | None = None,
) -> bool:
    amount = _amount_per_period(number.unit, number.written)
    if amount is not None and _amount_per_period(quantity.unit) is None:
        # "uses 12,000 kWh per year" states a claim of 12,000 kWh (its measurand is the annual amount); a claim
        # that is itself a rate (kWh/yr) is matched on the rate, below; "0.2 °C per decade" states 0.2 °C
        ten = 10.0 if number.per_decade else 1.0
        as_amount = replace(
            number,
            unit=amount,
            readings=tuple(_clean(r * ten) for r in number.readings),
            half_unit=number.half_unit * ten,
            per_decade=False,
        )
        if _fits(as_amount, target, quantity, text_rounding, difference, catalogue):
            return True
    point = (
        quantity
        if not quantity.is_range
        else Quantity(
            unit=quantity.unit, value=target, lexical=_lexical(target), relative_tolerance=quantity.relative_tolerance
        )
    )
    if number.unit is not None and ("CCY_" in number.unit or "GAL_US" in number.unit):
        # money written with a symbol several currencies share ($, ¥), a gallon not said to be American or imperial:
        # any of them may be the claim's
        return any(
            _fits_in(replace(number, unit=unit), target, point, quantity, text_rounding, difference, catalogue)
            for unit in _alternative_units(number)
        )
    return _fits_in(number, target, point, quantity, text_rounding, difference, catalogue)


def _fits_in(
    number: NumberInText,
    target: float,
    point: Quantity,
    quantity: Quantity,
    text_rounding: bool,
    difference: bool | None = None,
    catalogue: Catalogue | None = None,
) -> bool:
    if number.unit == UNIT_NOT_READ:
        return False  # "14 XJ" is no claim's unit, and no bare number either
    unit, factor = number.unit or quantity.unit, 1.0
    if number.unit == UNIT_NS + "PPTH" and quantity.unit != number.unit:
        unit, factor = UNIT_NS + "PERCENT", 0.1  # QUDT's per-mille (parts per thousand): 5 ‰ is 0.5 %
    if number.unit is not None and unit != quantity.unit:
        try:
            # (the claim's unit may be one the registry declares: its catalogue resolves it)
            written_in, claimed_in = dimension_of(unit, catalogue), dimension_of(quantity.unit, catalogue)
        except UnknownUnit:
            return False
        if written_in == _FLOP_COUNT and claimed_in == ():
            # a claim may count operations as a plain number (as a Count or Dimensionless measurand takes
            # one): "2.91E+21 FLOPs" states 2.91e21, "3.6 PFLOP" 3.6e15
            factor *= convert(1.0, unit, UNIT_NS + "FLOP", catalogue)
            unit = UNIT_NS + "UNITLESS"
        elif written_in != claimed_in:
            return False
    # a temperature in another scale ("1.1 °C" against a claim in K) is read as the claim's quantity kind says
    # (``difference``): a temperature (288 K is 14.85 °C) or a difference of temperatures (a warming of 1.1 °C is one
    # of 1.1 K); either, when the kind does not say
    scales = number.unit is not None and unit != quantity.unit and dimension_of(unit, catalogue) == _TEMPERATURE
    as_temperature, as_difference = not scales or difference is not True, scales and difference is not False
    for reading in number.readings:
        if as_temperature and point.matches(reading * factor, unit, catalogue=catalogue):
            return True
        if as_difference and point.matches(
            _difference(reading, unit, quantity.unit, catalogue), quantity.unit, catalogue=catalogue
        ):
            return True
        if text_rounding and number.half_unit:
            try:
                in_text_unit = convert(target, quantity.unit, unit, catalogue) / factor
            except Exception:  # pint cannot convert between these units: no match, not a crash
                continue
            if as_temperature and abs(in_text_unit - reading) <= number.half_unit * (1 + 1e-9):
                return True
            if as_difference and abs(
                _difference(target, quantity.unit, unit, catalogue) - reading
            ) <= number.half_unit * (1 + 1e-9):
                return True
    return False


_TEMPERATURE = (("H", 1),)


def _difference(value: float, from_unit: str, to_unit: str, catalogue: Catalogue | None = None) -> float:
    """A difference of temperatures ``value`` in ``from_unit`` in ``to_unit``: the scales' ratio, without their
    offset (convert's, less the conversion of zero)."""
    return _clean(convert(value, from_unit, to_unit, catalogue) - convert(0.0, from_unit, to_unit, catalogue))


def _lexical(value: float) -> str:
    if not math.isfinite(value):
        return repr(value)
    return repr(value) if value != int(value) else str(int(value))
