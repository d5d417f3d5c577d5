#!/usr/bin/env python3
"""Build data/countries.tsv and data/igos.tsv from the project's codebooks.

Usage: python3 tools/gen_countries.py [CODEBOOK_DIR]

CODEBOOK_DIR defaults to ../shared/codebooks relative to the repository root
(the folder that holds tools/).  Reads countries.tsv and igo_codes.tsv there,
writes data/countries.tsv and data/igos.tsv in the formats of data/README.md:
TAB-separated, `|` lists, a `#` header naming the columns.

What the script changes on the way (everything else is copied):

* aliases: comma lists become `|` lists; names that an English news text
  never uses are dropped (non-Latin-1 letters and IPA, e.g. "Afġānistān",
  "ʁɛpublika de an'ɡɔla"; native-language long forms such as "República de
  Angola", "Bundesrepublik Deutschland"), and so are aliases that are
  ordinary English words or collide with another row ("Island" for Iceland,
  "Mann" for the Isle of Man, "Timor", "Guiana", "Reunion", "Virgin Islands"
  for the British ones; Jersey is named only "Bailiwick of Jersey").  Two-letter aliases are kept only for the well-known
  capitals-only forms in SHORT_CAPS.
* a few names and aliases are added by hand (EXTRA_ALIASES), e.g. older
  names still found in archives (Zaire, Kampuchea, Upper Volta, Soviet
  Union, Yugoslavia, East/West Germany, Czechoslovakia); each is commented.
* demonyms: plural and noun forms are added (Ukrainian -> Ukrainians,
  Polish -> Poles, French -> Frenchman|Frenchmen), see plural_forms().
* name: the common English short name where the ISO name is a formal or
  odd one (Russian Federation -> Russia, Türkiye -> Turkey ...).
* capitals: a few fixes (coordinates that belong to another place, the seat
  of government where the codebook lists a constitutional capital that news
  never uses as a metonym), and the capital is left empty for small
  dependencies whose capital name is a common personal name (Douglas,
  Hamilton, Stanley, Kingston ...), because a capital used as a subject
  stands for the government.
* IGO rows that group several bodies under one generic code (IGO,
  IGOUNODEV, ...) are split into one row per body so that each row's name
  is a real name.

Standard library only; deterministic output.
"""

import os
import re
import sys

# --------------------------------------------------------------------------
# Hand-made tables
# --------------------------------------------------------------------------

# Common English short names (the codebook keeps some formal ISO names).
NAME_OVERRIDES = {
    "RUS": "Russia",
    "TUR": "Turkey",
    "BRN": "Brunei",
    "VAT": "Vatican",
    "FLK": "Falkland Islands",
    "CPV": "Cape Verde",
    "MAF": "Saint Martin",
    "SXM": "Sint Maarten",
    "CCK": "Cocos Islands",
    "MAC": "Macau",
    # "Jersey" is a garment and part of "New Jersey": match only the long form
    "JEY": "Bailiwick of Jersey",
}

# Rows whose short ISO name must not be kept as an alias.
NAME_ONLY = {"JEY"}

# All-caps short forms kept although they are short. The engine must match
# capitals-only aliases case-sensitively ("US" is not "us").
SHORT_CAPS = {"US", "UK"}

# Tokens that mark a native-language (non-English) long form.
FOREIGN_TOKENS = set("""
República Republica République Republika Republik Republiek Republiken
Repubblica Repubblika Repubulika Repiblik Repoblikan'i Ripablik Ripublik
Ribaberiki Respublika Respublikasy Reino Royaume Koninkrijk Königreich
Kongeriget Kongeriket Konungariket Bundesrepublik Estado Estados Jamhuri
Jamhuuriyadda Dawlat Principat Principauté Fürstentum Grand-Duché
Großherzogtum Groussherzogtum Collectivité Territoire Département Independen
Teratri Lýðveldið Rzeczpospolita Lietuvos Latvijas Vabariik tasavalta
Sathalanalat Ratcha Muso Lefatshe Stato Bailliage Região Pais Land Union
Udzima Cumhuriyeti Çumhuriyi Umbuso Sankattan Poblacht Polynésie Beluu
Gônôprôjatôntri Dhivehi Matanitu Gabuutih Bharat Tetã Buliwya Wuliwya
Mamallaqta Suyu Sranangron Sarnam Stet Repúblika republika Suid-Afrika
""".split())
# "Union" alone is foreign only in "Union des Comores"; English long forms
# starting "Union of" are protected below.
ENGLISH_PREFIXES = ("Union of", "Republic of", "Kingdom of", "State of")

# Exact aliases dropped: foreign short forms, ordinary words, ambiguous names.
DROP_ALIASES = {
    "Ahvenanmaa", "Algérie", "Belgie", "Belgien", "Belgique", "België",
    "Bouvet-øya", "Bouvetøya", "Crna Gora", "Danmark", "Dominique", "Dzayer",
    "Eesti", "Ellan Vannin", "Elláda", "Færøerne", "Føroyar", "Gabuuti",
    "Grønland", "Guiana", "Guyane", "Guåhån", "Gwadloup", "Hayastan",
    "Hrvatska", "Island", "Jabuuti", "Kòrsou", "Kýpros", "Mann", "Mannin",
    "Mexicanos", "Naoero", "Abode of Peace", "Naíjíríà", "Nederland", "Nihon",
    "Nippon", "Nijar", "Nijeriya", "Noreg", "Norge", "Oesterreich",
    "Osterreich", "Pleasant Island", "Portuguesa", "Prathet", "Qazaqstan",
    "România", "Roumania", "Sakartvelo", "Schweiz", "Shqipnia", "Shqipëri",
    "Shqipëria", "Singapura", "Srbija", "Suisse", "Suomi", "Svizra",
    "Svizzera", "Swatini", "weSwatini", "Tchad", "Thai", "Timor",
    "Timor Lorosae", "Timór Lorosa'e", "Togolese", "Toçikiston", "Ukrayina",
    "Viti", "Zhongguo", "Zhonghua", "Svalbard og Jan Mayen", "Namibië",
    "Republic of China (Taiwan)", "Territory of the Cocos (Keeling) Islands",
    "Saudi", "Nation of Brunei", "Ngwane", "Somers Isles", "The Bermudas",
    "Land Curaçao", "Country of Curaçao", "Islas Malvinas",
    "Reunion",          # an ordinary word ("family reunion"); "Réunion" stays
}
# Aliases dropped for one row only (they name another row better).
DROP_ALIASES_FOR = {
    "VGB": {"Virgin Islands"},      # ambiguous with VIR
}
# Demonyms dropped for one row only (shared with a bigger neighbour; news
# nearly always means the other one).
DROP_DEMONYMS_FOR = {
    "DMA": {"Dominican"},           # Dominican Republic (DOM)
    "COG": {"Congolese"},           # DR Congo (COD)
    "GGY": {"Channel Islander"},    # shared by GGY and JEY
    "JEY": {"Channel Islander"},
    "ALA": {"Ålandish"},
    "VGB": {"Virgin Islander"},     # kept on VIR only
    "VAT": {"Vatican"},             # same as the name
}

# Aliases added by hand. Historical names map to today's successor state so
# that archive articles (the project's Reuters 1987 examples) code; where
# CAMEO has a separate historical code it is noted.
EXTRA_ALIASES = {
    "USA": ["United States", "United States of America", "America", "US",
            "U.S.", "U.S.A.", "USA"],
    "GBR": ["Britain", "Great Britain", "UK", "U.K.",
            # constituent countries: coded as the UK
            "England", "Scotland", "Wales", "Northern Ireland"],
    # CAMEO has SUN for the Soviet Union; parley codes it as its successor
    # RUS (note: Soviet actions in Ukraine, the Baltics etc. before 1991
    # are therefore RUS).
    "RUS": ["Russian Federation", "Soviet Union", "USSR", "U.S.S.R.",
            "Union of Soviet Socialist Republics"],
    # East Germany (CAMEO DDR) is coded DEU like West Germany.
    "DEU": ["West Germany", "East Germany", "Federal Republic of Germany",
            "German Democratic Republic", "FRG", "GDR"],
    # Czechoslovakia (CAMEO CSK, to 1992) is coded as its larger successor.
    "CZE": ["Czech Republic", "Czechoslovakia"],
    # Yugoslavia (CAMEO YUG) and Serbia and Montenegro (SCG) -> SRB.
    "SRB": ["Yugoslavia", "Federal Republic of Yugoslavia",
            "Serbia and Montenegro"],
    "COD": ["Zaire", "DRC", "D.R. Congo", "DR Congo", "Congo-Kinshasa"],
    "KHM": ["Kampuchea"],
    "BFA": ["Upper Volta"],
    "LKA": ["Ceylon"],
    "MKD": ["Macedonia", "FYROM", "Former Yugoslav Republic of Macedonia"],
    "PRK": ["N. Korea", "DPRK", "D.P.R.K."],
    "KOR": ["S. Korea", "ROK"],
    "ARE": ["UAE", "U.A.E.", "Emirates"],
    "SAU": ["KSA"],
    "PSE": ["occupied Palestinian territories"],
    "IRL": ["Eire", "Irish Republic"],
    "CIV": ["Ivory Coast"],
    "TLS": ["East Timor"],
    "MMR": ["Burma"],
    "SWZ": ["Swaziland"],
    "CPV": ["Cabo Verde"],
    "TUR": ["Türkiye", "Turkiye"],
    "VAT": ["Holy See", "Vatican City"],
    "NLD": ["Holland", "The Netherlands"],
    "BIH": ["Bosnia", "Bosnia-Herzegovina"],
    "CHN": ["PRC", "Mainland China"],
    "TWN": ["Republic of China", "Chinese Taipei"],
    "BRN": ["Brunei Darussalam"],
    "FLK": ["Falklands", "Malvinas"],
    "MAC": ["Macao"],
    "CCK": ["Cocos (Keeling) Islands", "Keeling Islands"],
    "VIR": ["US Virgin Islands", "U.S. Virgin Islands"],
    "VGB": ["BVI"],
    "ZAF": ["RSA"],
    "SYR": ["Syrian Arab Republic"],
    "LAO": ["Laos"],
    "VNM": ["Viet Nam"],
}

# Demonyms added by hand (noun forms, common variants).
EXTRA_DEMONYMS = {
    "USA": ["Americans"],
    "GBR": ["Britons", "Brits", "Scottish", "Scots", "Welsh"],
    "RUS": ["Russians", "Soviet", "Soviets"],
    "DEU": ["Germans", "West German", "East German", "West Germans",
            "East Germans"],
    "CZE": ["Czechs", "Czechoslovak"],
    "SRB": ["Serb", "Serbs", "Yugoslav", "Yugoslavs"],
    "HRV": ["Croat", "Croats"],
    "FRA": ["Frenchman", "Frenchmen", "Frenchwoman"],
    "NLD": ["Dutchman", "Dutchmen"],
    "IRL": ["Irishman", "Irishmen"],
    "ESP": ["Spaniard", "Spaniards"],
    "POL": ["Poles"],  # not "Pole" (North Pole, pole position)
    "TUR": ["Turk", "Turks"],
    "SWE": ["Swedes"],
    "DNK": ["Dane", "Danes"],
    "FIN": ["Finns"],
    "ARG": ["Argentinian", "Argentinians", "Argentines"],
    "ECU": ["Ecuadorian", "Ecuadorians"],
    "KGZ": ["Kyrgyz"],
    "TJK": ["Tajik", "Tajiks"],
    "UZB": ["Uzbek", "Uzbeks"],
    "KAZ": ["Kazakh", "Kazakhs"],
    "TKM": ["Turkmens"],
    "SVN": ["Slovenes", "Slovenian", "Slovenians"],
    "MDV": ["Maldivian", "Maldivians"],
    "COM": ["Comorian", "Comorians"],
    "BWA": ["Batswana", "Botswanan"],
    "LSO": ["Basotho"],
    "DJI": ["Djiboutian", "Djiboutians"],
    "GIB": ["Gibraltarian", "Gibraltarians"],
    "ISL": ["Icelandic"],
    "GRL": ["Greenlander", "Greenlanders"],
    "BIH": ["Bosniak", "Bosniaks"],
    "PHL": ["Filipina"],
    "SAU": ["Saudis"],
    "KHM": ["Kampuchean"],
    "COD": ["Zairean", "Zaireans"],
    "LAO": ["Lao"],
    "MMR": ["Myanmarese"],
    "KNA": ["Kittitian", "Nevisian"],
    "PSE": ["Palestinians"],
    "ISR": ["Israelis"],
    "IRN": ["Iranians"],
}

# Singular nationality words with an irregular or no plural (adjective-only).
NO_PLURAL = {
    "U.S.", "Philippine", "Icelandic", "Greenlandic", "Congolese", "Vatican",
    "Manx", "Malagasy", "I-Kiribati", "Ni-Vanuatu", "Faroese", "Kyrgyz",
    "Kirghiz", "Lao", "Swiss", "Scottish", "Welsh", "Soviet", "Ålandish",
    "Czechoslovak", "Motswana", "Mosotho", "Batswana", "Basotho", "Swazi",
    "Filipina", "Frenchwoman", "Turkmen", "Cocos Islander",
}
IRREGULAR_NOUNS = {  # adjective -> people noun(s) already in EXTRA_DEMONYMS
    "British", "French", "Dutch", "Irish", "Spanish", "Polish", "Turkish",
    "Swedish", "Danish", "Finnish",
}


# Capital overrides: iso3 -> (capital, lat, lon); "" clears the capital.
CAPITAL_OVERRIDES = {
    "USA": ("Washington", "38.89", "-77.05"),   # news writes "Washington"
    "UKR": ("Kyiv|Kiev", "50.43", "30.52"),     # older spelling still in the news
    "IND": ("New Delhi|Delhi", "28.6", "77.2"),
    "MMR": ("Naypyidaw|Rangoon|Yangon", "19.76", "96.07"),
    "LKA": ("Colombo", "6.93", "79.85"),        # seat of government
    "BOL": ("La Paz", "-16.5", "-68.15"),       # seat of government
    "GRD": ("St. George's", "12.05", "-61.75"), # codebook had Bermuda's point
    "ESH": ("El Aaiún", "27.15", "-13.2"),      # codebook had lat/lon swapped
    "ATF": ("Port-aux-Français", "-49.35", "70.22"),  # codebook point was in France
    "HKG": ("Hong Kong", "22.28", "114.16"),
    "MNG": ("Ulaanbaatar", "47.92", "106.91"),
    "UMI": ("", "", ""),
    # dependencies whose capital is a common personal or place name
    "IMN": ("", "", ""),   # Douglas
    "BMU": ("", "", ""),   # Hamilton
    "FLK": ("", "", ""),   # Stanley
    "SHN": ("", "", ""),   # Jamestown
    "MSR": ("", "", ""),   # Plymouth
    "NFK": ("", "", ""),   # Kingston (also Jamaica's capital)
    "CCK": ("", "", ""),   # West Island
    "CYM": ("", "", ""),   # George Town
    "TCA": ("", "", ""),   # Cockburn Town
}

# --------------------------------------------------------------------------


def read_table(path):
    """Rows of a codebook table as dicts, keyed by its header line."""
    header = None
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells)))
    return rows


def split_list(s):
    return [x.strip() for x in s.split(",") if x.strip()]


def latin1_only(s):
    return all(ord(c) <= 0xFF for c in s)


def keep_alias(a, iso3):
    if a in DROP_ALIASES or a in DROP_ALIASES_FOR.get(iso3, ()):
        return False
    if not latin1_only(a):
        return False
    if "(" in a or "," in a or "|" in a or "\t" in a:
        return False
    letters = re.sub(r"[^A-Za-z]", "", a)
    if len(letters) <= 2 and a not in SHORT_CAPS:
        return False
    if not a.startswith(ENGLISH_PREFIXES):
        if any(tok in FOREIGN_TOKENS for tok in a.split()):
            return False
    if a in FOREIGN_TOKENS:
        return False
    return True


def plural_forms(d):
    """People nouns for a nationality word: Ukrainian -> Ukrainians."""
    if d in NO_PLURAL or d in IRREGULAR_NOUNS:
        return []
    if d.endswith("s") or d.endswith("man") or d.endswith("men"):
        return []  # already plural (Argentines), or man/men given by hand
    if d.endswith("ese") or d.endswith("ss") or d.endswith("sh") \
            or d.endswith("ch") and d != "Czech":
        return []
    if d.endswith("y") and not d.endswith("ay"):
        return []
    return [d + "s"]


def uniq(seq):
    """Drop repeats. Exact comparison: "NATO" and "Nato" are both kept,
    because capitals-only aliases match case-sensitively."""
    out, seen = [], set()
    for x in seq:
        k = x
        if x and k not in seen:
            seen.add(k)
            out.append(x)
    return out


def build_countries(rows):
    out = []
    for r in rows:
        iso3 = r["iso3"]
        name = NAME_OVERRIDES.get(iso3, r["name"])
        aliases = [a for a in split_list(r["aliases"]) if keep_alias(a, iso3)]
        if name != r["name"] and keep_alias(r["name"], iso3) \
                and iso3 not in NAME_ONLY:
            aliases.insert(0, r["name"])
        aliases += EXTRA_ALIASES.get(iso3, [])
        aliases = [a for a in uniq(aliases) if a.casefold() != name.casefold()]

        dem = []
        for d in split_list(r["demonyms"]):
            if d == "Kittitian or Nevisian":
                continue  # one codebook string for two words; see EXTRA_DEMONYMS
            if d in DROP_DEMONYMS_FOR.get(iso3, ()):
                continue
            if d == "Djibouti" or d == "Gibraltar":
                continue  # the codebook repeats the place name
            dem.append(d)
        base = list(dem) + EXTRA_DEMONYMS.get(iso3, [])
        dem = []
        for d in base:
            dem.append(d)
            dem += plural_forms(d)
        dem = uniq(dem)

        capital, clat, clon = r["capital"], r["capital_lat"], r["capital_lon"]
        if iso3 in CAPITAL_OVERRIDES:
            capital, clat, clon = CAPITAL_OVERRIDES[iso3]
        if not capital:
            clat = clon = ""
        out.append([iso3, r["cameo_code"], r["iso2"], r["fips"], name,
                    "|".join(aliases), "|".join(dem), capital,
                    r["lat"], r["lon"], clat, clon])
    # A name/alias/demonym must point at one row only: report clashes.
    owner = {}
    for row in out:
        for w in [row[4]] + row[5].split("|") + row[6].split("|"):
            if not w:
                continue
            k = w.casefold()
            if k in owner and owner[k] != row[0]:
                sys.stderr.write("warning: '%s' in %s and %s\n"
                                 % (w, owner[k], row[0]))
            owner.setdefault(k, row[0])
    return out


COUNTRY_HEADER = """\
# data/countries.tsv: countries, their names, demonyms and capitals.
# Columns (TAB-separated): iso3 cameo iso2 fips name aliases demonyms capital lat lon capital_lat capital_lon
#  iso3         ISO 3166-1 alpha-3 (Kosovo: XKX)
#  cameo        country block used in actor codes (= iso3 except TLS->TMP, XKX->KSV)
#  iso2         ISO 3166-1 alpha-2
#  fips         FIPS 10-4 code (GDELT geo fields); may be empty
#  name         common English name
#  aliases      other names, | list (optional). An alias written in capitals only
#               (US, UK, UAE, DRC, ROK, PRC, DPRK, USSR, GDR) is meant to match
#               case-sensitively: "US" is the country, "us" the pronoun.
#               Historical names map to today's successor: Soviet Union/USSR -> RUS,
#               East/West Germany -> DEU, Czechoslovakia -> CZE, Yugoslavia -> SRB,
#               Zaire -> COD, Kampuchea -> KHM, Upper Volta -> BFA.
#               Ambiguous but kept: Georgia (US state), Jordan (name, river),
#               Chad (first name), Niger (river), Congo (COG; DR Congo is COD).
#  demonyms     nationality adjectives and nouns, | list (optional): Ukrainian|Ukrainians
#  capital      seat of government as news names it (optional; a | list of spellings, first is
#               the name used); a capital used as the
#               subject of a political verb stands for the government (Moscow -> RUSGOV).
#               Left empty for small dependencies whose capital is a common personal name.
#  lat lon      representative point of the country
#  capital_lat capital_lon  capital coordinates (empty when capital is empty)
# Generated by tools/gen_countries.py from shared/codebooks/countries.tsv;
# re-running the generator overwrites hand edits.
"""

IGO_HEADER = """\
# data/igos.tsv: international organisations (and a few international NGOs).
# Columns (TAB-separated): code name aliases
#  code     CAMEO actor code: IGO/NGO/NGM block + region/role blocks + the body's block
#           (IGOUNO, IGOWSTNAT, IGOEUREEC); bodies without a code of their own use a
#           generic one (IGO), so a code may appear on several rows
#  name     English name
#  aliases  other names and acronyms, | list (optional); acronyms written in capitals
#           only (UN, EU, AU, IMF) are meant to match case-sensitively
# Generated by tools/gen_countries.py from shared/codebooks/igo_codes.tsv;
# re-running the generator overwrites hand edits.
"""

# IGO codebook rows that group several bodies: split into one row per body.
# code -> list of (name, [aliases]).
IGO_SPLIT = {
    "IGOUNODEV": [
        ("United Nations Development Programme", ["UNDP", "UN Development Programme", "UN Development Program"]),
        ("UNESCO", ["Unesco", "United Nations Educational, Scientific and Cultural Organization"]),
        ("Economic and Social Commission for Asia and the Pacific", ["ESCAP", "UNESCAP"]),
        ("UN Development Fund for Women", ["UNIFEM"]),
    ],
    "IGOUNOENV": [
        ("Intergovernmental Panel on Climate Change", ["IPCC"]),
        ("United Nations Environment Programme", ["UNEP", "UN Environment Programme"]),
    ],
    "IGOUNOMED": [
        ("International Telecommunication Union", ["ITU"]),
    ],
    "IGOUNOBUS": [
        ("International Civil Aviation Organization", ["ICAO"]),
        ("World Tourism Organization", ["UNWTO"]),
    ],
    "IGOASABUS": [
        ("Economic Cooperation Organization", []),
        ("BIMSTEC", []),
    ],
    "IGOSAM": [
        ("Andean Community", []),
        ("Union of South American Nations", ["UNASUR"]),
    ],
    "IGOCRB": [
        ("Caribbean Community", ["CARICOM"]),
        ("Organisation of Eastern Caribbean States", ["OECS", "Organization of Eastern Caribbean States"]),
    ],
    "IGO": [
        ("Organisation for the Prohibition of Chemical Weapons", ["OPCW", "Organization for the Prohibition of Chemical Weapons"]),
        ("International Maritime Organization", ["IMO"]),
        ("La Francophonie", ["Organisation internationale de la Francophonie"]),
        ("African, Caribbean and Pacific Group of States", ["ACP Group"]),
        ("Group of Twenty", ["G20", "G-20", "Group of 20"]),
        ("BRICS", []),
        ("Asia-Pacific Economic Cooperation", ["APEC"]),
        ("Mercosur", ["Mercosul"]),
        ("Collective Security Treaty Organization", ["CSTO"]),
        ("Eurasian Economic Union", ["EAEU"]),
        ("International Organization for Migration", ["IOM"]),
        ("Warsaw Pact", ["Warsaw Treaty Organization"]),
        ("Council for Mutual Economic Assistance", ["Comecon", "CMEA"]),
        ("General Agreement on Tariffs and Trade", ["GATT"]),
    ],
}

# Aliases dropped from IGO rows: person titles, too generic, or clashing.
IGO_DROP = {
    ("IGOUNO", "UN Secretary-General"),
    ("IGOUNO", "UNO"),
    ("IGOEUREEC", "EU High Representative"),
    ("IGOWSTNAT", "NATO"),   # re-added below in a fixed order
    ("IGOAFRAFU", "AU"),     # two letters: kept via IGO_EXTRA with note
    ("IGOMEAAMU", "AMU"),
    ("IGOMEAACC", "ACC"),
    ("IGOMEAAMF", "AMF"),
    ("IGONON", "NAM"),
    ("IGOEURCOE", "CoE"),
    ("IGOPKO", "peacekeepers"),        # role words (roles.tsv: peacekeepers PKO)
    ("IGOPKO", "peacekeeping force"),
    ("IGOUNOWFP", "WFP"),
}
IGO_EXTRA = {
    "IGOUNO": ["United Nations Organization", "U.N. Security Council",
               "UN General Assembly", "U.N. General Assembly",
               "UN Secretariat", "United Nations Security Council"],
    "IGOWSTNAT": ["NATO", "Nato", "Atlantic alliance",
                  "North Atlantic alliance"],
    "IGOEUREEC": ["European Economic Community", "EEC", "European Council",
                  "Council of the European Union", "EU Commission",
                  "Common Market", "European Common Market",
                  "European Central Bank", "ECB"],
    "IGOAFRAFU": ["AU", "AU Commission"],
    "IGOBUSIMF": ["International Monetary Fund"],
    "IGOUNODEVWBK": ["International Bank for Reconstruction and Development", "IBRD"],
    "IGOUNOWFP": ["WFP", "UN World Food Programme"],
    "IGOGOS": ["Group of Seven", "Group of 7"],
    "IGOGOE": ["Group of Eight"],
    "IGOMEAARL": ["Arab League"],
    "IGOCWN": ["Commonwealth", "Commonwealth Secretariat"],
    "IGOOPC": ["Opec"],
    "IGOSEAASN": ["Asean"],
    "IGOUNOKID": ["Unicef"],
    "IGOWAFWAS": ["Ecowas"],
    "IGOGCC": ["Gulf Co-operation Council"],
    "IGOUNOIAE": ["International Atomic Energy Agency"],
    "IGOJUDICC": ["International Criminal Court"],
    "IGOUNOJUDICJ": ["International Court of Justice"],
    "IGOUNOJUDWCT": ["International Criminal Tribunal for the former Yugoslavia",
                     "ICTY", "International Criminal Tribunal for Rwanda",
                     "ICTR"],
}


# Names that are descriptions in the codebook get a name news would print.
IGO_NAMES = {
    "IGOUNOJUDWCT": "International War Crimes Tribunal",
}


def build_igos(rows):
    out = []
    for r in rows:
        code = r["code"]
        if code in IGO_SPLIT:
            for name, al in IGO_SPLIT[code]:
                out.append([code, name, "|".join(al)])
            continue
        name = IGO_NAMES.get(code, r["name"])
        al = [a for a in split_list(r["aliases"])
              if (code, a) not in IGO_DROP and latin1_only(a)]
        al += IGO_EXTRA.get(code, [])
        al = [a for a in uniq(al) if a.casefold() != name.casefold()]
        out.append([code, name, "|".join(al)])
    return out


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(header)
        for row in rows:
            for cell in row:
                if "\t" in cell or "\n" in cell:
                    raise ValueError("bad cell %r" % cell)
            f.write("\t".join(row) + "\n")


def main(argv):
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    src = argv[1] if len(argv) > 1 else os.path.join(repo, "..", "shared",
                                                      "codebooks")
    countries = build_countries(read_table(os.path.join(src, "countries.tsv")))
    igos = build_igos(read_table(os.path.join(src, "igo_codes.tsv")))
    data = os.path.join(repo, "data")
    write(os.path.join(data, "countries.tsv"), COUNTRY_HEADER, countries)
    write(os.path.join(data, "igos.tsv"), IGO_HEADER, igos)
    print("countries.tsv: %d rows; igos.tsv: %d rows"
          % (len(countries), len(igos)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
