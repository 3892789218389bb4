#!/usr/bin/env python3
"""Benchmark sovscore against floors measured in the same run, on the same machine.

Each measured command runs as a whole process next to "floors": plain Python programs doing the
same kind of work with the same libraries on the same interpreter. Start-up: `import typer`; the
imports of sovscore's four dependencies; and the fair floors, a minimal typer app (two commands,
one option) that validates one small pydantic model and prints JSON, or a small rich table.
Scale: the same synthetic YAML read with PyYAML's libyaml loader and written as JSON, once as it
always was (GC on, json.dump's pure-Python writer) and once fairly (GC off, the C encoder), and
the fastest installed YAML parser's raw parse as a physical reference. The table shows median
wall times, peak resident memory and their ratios, with the project's targets marked pass or
FAIL. A floor is a reference, not a proof of a lower bound.

    python bench/bench.py                     # start-up, 1k and 10k providers (a few minutes)
    python bench/bench.py --full              # and 100k providers (about half an hour more)
    python bench/bench.py --quick             # 1k only, 2 rounds: a CI smoke run
    python bench/bench.py --sizes 1000,10000 --runs 3 --startup-runs 11 --json
    python bench/bench.py --check             # exit 1 when a target fails
    python bench/bench.py --write DIR --sizes 10000   # only write the synthetic files to DIR

Standard library only. Every process runs with the interpreter running this script: sovscore as
the `sovscore` script installed next to it (as users run it), or `python -m sovscore` where there
is none, so any virtual environment works. Commands are measured in rounds: each round runs
every command of its group once, in an order that turns by one each round, and a ratio is the
median of the per-round ratios. Each measured process is started by a
tiny wrapper (`python -S`) that times it and reads its own child's peak RSS from os.wait4, so a
figure is that one process's peak and never the benchmark's. The synthetic files go to a
temporary directory that is removed at the end, never into the repository.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

PYTHON = sys.executable
_SCRIPT = Path(PYTHON).with_name("sovscore")
SOVSCORE = [str(_SCRIPT)] if _SCRIPT.exists() else [PYTHON, "-m", "sovscore"]
"""The installed `sovscore` command next to this interpreter, as users run it."""
DEFAULT_SIZES = (1_000, 10_000)
FULL_SIZES = (1_000, 10_000, 100_000)
DEFAULT_RUNS = 3
DEFAULT_STARTUP_RUNS = 21
QUICK_RUNS = 2
MAX_FILE_MB = "1024"
"""SOVSCORE_MAX_FILE_MB for every process: the 100k file is far above the 20 MiB default."""

# Targets (issue #18): (name, the largest ratio that passes).
TARGET_VERSION = 0.3
"""`--version` against `import typer`."""
TARGET_FAIR = 1.1
"""rank --json, show --json, offers --json against the fair JSON floor; rank, show tables
against the fair table floor."""
TARGET_SCALE = 1.0
TARGET_SCALE_AT = 10_000
"""rank --json at 10k providers against the GC-off, C-encoder floor."""
TARGET_GROWTH = 1.05
TARGET_GROWTH_AT = 100_000
"""Growth 10k->100k may be at most this times the size ratio (10.5x)."""
TARGET_MEMORY = 0.46
TARGET_MEMORY_AT = 100_000
"""Peak RSS at 100k against the yaml+json floor's: no higher than measured on 2026-11-28
(5.9 GiB against 13.0 GiB)."""

# --------------------------------------------------------------------------------------------
# Synthetic provider files
# --------------------------------------------------------------------------------------------

_FIRST = (
    "Nuage", "Azur", "Helio", "Cirrus", "Atlas", "Boreal", "Vega", "Orion", "Lumen", "Stratus",
    "Alto", "Cumulus", "Nimbus", "Sirius", "Polaris", "Aurora", "Zephyr", "Mistral", "Tramontane",
    "Sequoia", "Granit", "Basalte", "Ardoise", "Opale", "Cobalt", "Argos", "Hermes", "Iris",
)  # fmt: skip
_SECOND = (
    "Cloud", "Data", "Hosting", "Infra", "Numerique", "Systems", "Networks", "Datacenter",
    "Services", "Digital", "Compute", "Telecom", "Informatique", "Solutions",
)  # fmt: skip
_FORMS = ("SAS", "SA", "GmbH", "BV", "SpA", "SL", "AG", "Oy", "AB", "NV")
_CITIES = {
    "FR": ("Paris", "Lyon", "Lille", "Roubaix", "Strasbourg", "Nantes", "Toulouse", "Rennes"),
    "DE": ("Berlin", "Frankfurt", "Munich", "Nuremberg", "Hamburg", "Cologne"),
    "NL": ("Amsterdam", "Rotterdam", "Eindhoven"),
    "BE": ("Brussels", "Ghent", "Liege"),
    "IT": ("Milan", "Rome", "Turin"),
    "ES": ("Madrid", "Barcelona", "Valencia"),
    "LU": ("Luxembourg",),
    "FI": ("Helsinki", "Espoo"),
    "NO": ("Oslo", "Bergen"),
    "CH": ("Zurich", "Geneva"),
    "GB": ("London", "Manchester"),
    "US": ("Seattle", "Redmond", "Mountain View", "Austin", "Ashburn"),
}
_HQ_WEIGHTS = (
    ("FR", 50), ("DE", 12), ("NL", 5), ("BE", 3), ("IT", 4), ("ES", 4), ("LU", 2), ("FI", 2),
    ("NO", 2), ("CH", 3), ("GB", 3), ("US", 10),
)  # fmt: skip
_HQS = [country for country, weight in _HQ_WEIGHTS for _ in range(weight)]
_EU = ("FR", "DE", "NL", "BE", "IT", "ES", "LU", "FI", "IE", "AT", "SE", "PL")
_SERVICE_MODELS = ("iaas", "paas", "caas", "saas", "storage", "backup")
_FUNDS = (
    ("Bpifrance Participations", "FR"),
    ("Caisse des Depots (Banque des Territoires)", "FR"),
    ("Eurazeo", "FR"),
    ("Tikehau Capital", "FR"),
    ("Ardian", "FR"),
    ("HV Capital", "DE"),
    ("KfW Capital", "DE"),
    ("Partners Group", "CH"),
    ("KKR", "US"),
    ("TowerBrook Capital Partners", "US"),
    ("Employees and managers (FCPE)", None),
    ("Free float", None),
)
_PARTNERS = (
    ("VMware (Broadcom)", "US", "software_supplier"),
    ("Nutanix", "US", "software_supplier"),
    ("Microsoft", "US", "technology_licence"),
    ("Google Cloud", "US", "technology_licence"),
    ("Oracle", "US", "reseller"),
    ("Red Hat (IBM)", "US", "software_supplier"),
    ("Equinix", "US", "infrastructure"),
    ("Data4", "FR", "infrastructure"),
    ("OVHcloud", "FR", "infrastructure"),
    ("3DS Outscale", "FR", "infrastructure"),
    ("Thales", "FR", "joint_venture"),
    ("Orange Business", "FR", "joint_venture"),
    ("SAP", "DE", "software_supplier"),
    ("Interxion (Digital Realty)", "US", "infrastructure"),
    ("OpenStack Foundation members", None, "other"),
)
_OFFERS = (
    ("Private Cloud", "iaas"),
    ("Bare Metal", "iaas"),
    ("Object Storage", "storage"),
    ("Kubernetes Service", "caas"),
    ("Managed Database", "paas"),
    ("Backup as a Service", "backup"),
    ("Collaborative Suite", "saas"),
)
_PRESS = (
    ("lemagit", "LeMagIT"),
    ("usine-digitale", "L'Usine Digitale"),
    ("lemondeinformatique", "Le Monde Informatique"),
    ("silicon", "Silicon.fr"),
    ("channelnews", "ChannelNews"),
    ("informatiquenews", "InformatiqueNews"),
    ("heise", "heise online"),
    ("reuters", "Reuters"),
)
_TOPICS = (
    ("secnumcloud", "obtient la qualification SecNumCloud"),
    ("levee-de-fonds", "leve des fonds pour son cloud souverain"),
    ("datacenter", "inaugure un nouveau datacenter"),
    ("partenariat", "annonce un partenariat technologique"),
    ("rachat", "change d'actionnaire majoritaire"),
)
_SENTENCES = (
    "The figures are those of the last annual accounts filed with the commercial court registry.",
    "The provider's own page gives the data centre locations but no contractual commitment on where data is processed.",
    "A compiled copy of ANSSI's catalogue lists the offer with its decision number; the catalogue itself was read through two compiled copies that agree.",
    "Percentages per shareholder were not found in any source; only the controlling holder is named.",
    "The press release announces the partnership without a start date, so since is left unknown.",
    "Administration and support are said to be performed from the EU, but no contract clause was read.",
    "The qualification covers the offer named here only; other offers of the provider were not researched.",
    "Sources disagree on the date of the first decision; the later one is recorded, as sovscore never counts a status before a source shows it.",
    "Market share figures come from Markess by Exaegis and cover French public-cloud IaaS and PaaS revenue.",
    "An undated page was read on the accessed date given in its source entry.",
    "The company says it is 'soumise exclusivement au droit europeen'; no legal opinion on extraterritorial exposure was found.",
    "Before the acquisition the founders held the whole capital; current percentages were not published.",
)  # fmt: skip
_LINE = 96


def _folded(text: str, indent: str) -> str:
    """A YAML folded block (>-) holding `text`, wrapped near _LINE columns."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > _LINE:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return ">-\n" + "".join(f"{indent}{line}\n" for line in lines)


def _flow(items: Sequence[str]) -> str:
    return "[" + ", ".join(items) + "]"


def _quoted(items: Sequence[str]) -> str:
    """Country codes always in quotes: NO unquoted is YAML's false."""
    return "[" + ", ".join(f'"{item}"' for item in items) + "]"


def _q(text: str) -> str:
    """A double-quoted YAML scalar (a JSON string is one)."""
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True)
class _Day:
    year: int
    month: int
    day: int

    def text(self, precision: int) -> str:
        """3: 2024-05-17 (a date); 2: '2024-05' (quoted); 1: 2024 (a year)."""
        if precision == 3:
            return f"{self.year}-{self.month:02d}-{self.day:02d}"
        if precision == 2:
            return f"'{self.year}-{self.month:02d}'"
        return str(self.year)


class _Generator:
    """Writes providers files: deterministic for a seed, valid for `sovscore validate --strict`."""

    def __init__(self, seed: int, today: dt.date) -> None:
        self.rng = random.Random(seed)
        self.today = today
        # Every dated event (but expiries) falls on or before this day, and every profile is
        # reviewed after it, so no event is dated after its profile's review.
        self.last_event_year = today.year - 1
        self.shared = self._shared_sources()

    def _day(self, first_year: int, last_year: int) -> _Day:
        rng = self.rng
        year = rng.randint(first_year, last_year)
        month = rng.randint(1, 6 if year >= self.last_event_year else 12)
        return _Day(year, month, rng.randint(1, 28))

    def _shared_sources(self) -> list[tuple[str, str]]:
        """Official and market sources many providers cite: (id, YAML entry)."""
        year = self.last_event_year
        entries: list[tuple[str, str]] = []
        for back in range(6):
            y = year - back
            sid = f"anssi-catalogue-{y}-09-15"
            entries.append(
                (
                    sid,
                    f"- id: {sid}\n"
                    "  title: Catalogue des produits et services qualifies (prestataires de services "
                    "d'informatique en nuage SecNumCloud)\n"
                    "  publisher: ANSSI\n"
                    f"  url: https://cyber.gouv.fr/sites/default/files/{y}/09/catalogue_qualification_{y}-09-15.pdf\n"
                    f"  date: {y}-09-15\n"
                    "  kind: official\n"
                    "  note: " + _folded(_SENTENCES[2], "    "),
                )
            )
            sid = f"markess-{y}-cloud-france"
            entries.append(
                (
                    sid,
                    f"- id: {sid}\n"
                    f"  title: Marche du cloud public en France, resultats {y}\n"
                    "  publisher: Markess by Exaegis\n"
                    f"  url: https://www.markess.com/etudes/cloud-public-france-{y}\n"
                    f"  date: '{y}-06'\n"
                    "  kind: press\n",
                )
            )
        entries.append(
            (
                "jorf-2024-05-loi-sren",
                "- id: jorf-2024-05-loi-sren\n"
                "  title: Loi n 2024-449 du 21 mai 2024 visant a securiser et reguler l'espace numerique\n"
                "  publisher: Journal officiel de la Republique francaise\n"
                "  url: https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000049563368\n"
                "  date: 2024-05-22\n"
                "  kind: official\n",
            )
        )
        entries.append(
            (
                "circulaire-6282-sg",
                "- id: circulaire-6282-sg\n"
                "  title: Circulaire n 6282-SG du 5 juillet 2021 relative a la doctrine d'utilisation "
                "de l'informatique en nuage par l'Etat\n"
                "  publisher: Premier ministre\n"
                "  url: https://www.legifrance.gouv.fr/circulaire/id/45205\n"
                "  date: 2021-07-05\n"
                "  kind: official\n",
            )
        )
        entries.append(
            (
                "us-code-2018-cloud-act",
                "- id: us-code-2018-cloud-act\n"
                "  title: Clarifying Lawful Overseas Use of Data Act (CLOUD Act), H.R. 4943\n"
                "  publisher: US Congress\n"
                "  url: https://www.congress.gov/bill/115th-congress/house-bill/4943\n"
                "  date: 2018-03-23\n"
                "  kind: official\n",
            )
        )
        return entries

    def provider(self, index: int) -> tuple[str, list[str]]:
        """One provider's YAML entry and the YAML entries of the sources only it cites."""
        rng = self.rng
        first = _FIRST[index % len(_FIRST)]
        second = _SECOND[(index // len(_FIRST)) % len(_SECOND)]
        number = f"{index:06d}"
        name = f"{first} {second} {number}"
        slug = f"{first.lower()}-{second.lower()}-{number}"
        hq = rng.choice(_HQS)
        us = hq == "US"
        city = rng.choice(_CITIES[hq])
        founded = rng.randint(1985, self.last_event_year - 2)
        form = rng.choice(_FORMS)
        reviewed = self.today - dt.timedelta(days=rng.randint(0, 180))
        y = self.last_event_year
        checked = f"{rng.randint(y - 5, y)}-09-15"
        catalogue = f"anssi-catalogue-{checked}"

        # The provider's own sources: its site, a registry filing, two press articles.
        site = f"{slug}-site"
        filing = f"{slug}-{rng.randint(y - 3, y)}-comptes-annuels"
        press = []
        sources: list[str] = [
            f"- id: {site}\n  title: {name} - about us\n  publisher: {_q(name)}\n"
            f"  url: https://www.{slug}.eu/about\n  date: null\n"
            f"  accessed: {reviewed.isoformat()}\n  kind: provider\n"
            "  note: " + _folded(_SENTENCES[9], "    "),
            f"- id: {filing}\n  title: Comptes annuels {name} {form}\n"
            "  publisher: Infogreffe (registre du commerce et des societes)\n"
            f"  url: https://www.infogreffe.fr/entreprise/{slug}/comptes\n"
            f"  date: {self._day(y - 3, y).text(3)}\n  kind: official\n",
        ]
        for _ in range(2):
            short, outlet = rng.choice(_PRESS)
            topic, headline = rng.choice(_TOPICS)
            day = self._day(max(founded, y - 8), y)
            sid = f"{short}-{day.year}-{day.month:02d}-{slug}-{topic}"
            if sid in press:
                continue
            press.append(sid)
            sources.append(
                f"- id: {sid}\n  title: {_q(f'{name} {headline}')}\n  publisher: {_q(outlet)}\n"
                f"  url: https://www.{short}.fr/actualites/{day.year}/{day.month:02d}/{slug}-{topic}\n"
                f"  date: {day.text(rng.choice((2, 3, 3)))}\n  kind: press\n"
            )
        cites = [filing, *press]

        def some(*extra: str) -> str:
            return _flow([*rng.sample(cites, rng.randint(1, len(cites))), *extra])

        models = rng.sample(_SERVICE_MODELS, rng.randint(1, 4))
        out = [
            f"- id: {slug}\n"
            f"  name: {name}\n"
            f"  aliases: [{first} {number}, {name} {form}, {first[:3].upper()}{second[:2].upper()}-{number}]\n"
            f"  website: https://www.{slug}.eu\n"
            f'  headquarters: "{hq}"\n'
            f"  city: {city}\n"
            f"  founded: {founded}\n"
            f"  identity_sources: {_flow([site, filing])}\n"
            f"  reviewed: {reviewed.isoformat()}\n"
        ]

        # Ownership: a controlling holder and one to three others; sometimes unknown.
        if rng.random() < 0.08:
            out.append("  ownership: null\n")
        else:
            controller = hq if not us or rng.random() < 0.9 else "FR"
            main = round(rng.uniform(40, 85), 1)
            lines = [
                f"  ownership:\n    as_of: {self._day(y - 3, y).text(rng.choice((2, 3)))}\n    holders:\n",
                f"    - name: {_q(f'{first} Group {form} (parent company)')}\n"
                f'      country: "{controller}"\n      capital: {main:g}\n'
                f"      voting: {min(100.0, main + 10):g}\n      sources: {some()}\n",
            ]
            left = 100 - main - 10
            for fund, country in rng.sample(_FUNDS, rng.randint(1, 3)):
                share = round(rng.uniform(0, left / 2), 1)
                left -= share
                if rng.random() < 0.2:
                    capital = f"null\n      capital_min: {max(share, 0.1):g}"
                else:
                    capital = f"{share:g}"
                where = f'"{country}"' if country else "null"
                lines.append(
                    f"    - name: {_q(fund)}\n      country: {where}\n      capital: {capital}\n"
                    f"      sources: {some()}\n"
                )
            lines.append(
                f"    complete: {rng.choice(('true', 'false', 'null'))}\n"
                f'    controlled_by: "{controller}"\n'
                "    note: "
                + _folded(_SENTENCES[rng.choice((0, 3, 11))], "      ")
                + f"    sources: {some()}\n"
            )
            out.extend(lines)

        # Partnerships: zero to three, with the sources that show there is no other.
        if rng.random() < 0.1:
            out.append("  partnerships: null\n")
        else:
            items = rng.sample(_PARTNERS, rng.randint(0, 3))
            if not items:
                out.append("  partnerships:\n    items: []\n")
            else:
                out.append("  partnerships:\n    items:\n")
                for partner, country, kind in items:
                    since = self._day(founded, y)
                    until = (
                        self._day(since.year, y).text(2)
                        if rng.random() < 0.15 and since.year < y
                        else "null"
                    )
                    where = f'"{country}"' if country else "null"
                    out.append(
                        f"    - partner: {_q(partner)}\n      country: {where}\n      kind: {kind}\n"
                        f"      since: {since.text(rng.choice((1, 2, 3)))}\n      until: {until}\n"
                        "      note: "
                        + _folded(_SENTENCES[4], "        ")
                        + f"      sources: {some()}\n"
                    )
            out.append(f"    sources: {some()}\n")

        # Qualifications: a dated history per offer (applied, qualified, renewed, expires, ...).
        # Each becomes an offer of its own (offers are written last, with their location).
        offers = rng.sample(_OFFERS, rng.choice((0, 0, 1, 1, 2, 3))) if not us else []
        offer_blocks: list[tuple[str, str, list[str]]] = []
        for offer, model in offers:
            out_offer: list[str] = []
            offer_blocks.append((offer, model, out_offer))
            scheme = rng.choice(("secnumcloud", "secnumcloud", "secnumcloud", "hds", "iso27001"))
            out_offer.append(f"  - scheme: {scheme}\n    history:\n")
            if True:
                start = self._day(min(max(founded, y - 11), y - 3), y - 3)
                out_offer.append(
                    f"    - status: applied\n      date: {start.text(2)}\n      sources: {some()}\n"
                )
                granted = _Day(start.year + 1, start.month, start.day)
                decision = rng.randint(100, 3999)
                anssi = scheme == "secnumcloud"
                # ANSSI's catalogue gives a SecNumCloud decision and version; others cite the press.
                register = _flow([catalogue]) if anssi else some()
                version = f"'3.{rng.choice((1, 2))}'" if anssi else "null"
                number = f"'{decision}'" if anssi else "null"
                out_offer.append(
                    f"    - status: qualified\n      date: {granted.text(3)}\n"
                    f"      version: {version}\n      decision: {number}\n"
                    "      note: "
                    + _folded(_SENTENCES[rng.choice((2, 6, 7))], "        ")
                    + f"      sources: {some(catalogue) if anssi else some()}\n"
                )
                last = granted
                if granted.year + 3 <= y and rng.random() < 0.7:
                    last = _Day(granted.year + 3, min(granted.month, 6), granted.day)
                    renewal = f"      version: '3.2'\n      decision: '{decision + 1000}'\n"
                    out_offer.append(
                        f"    - status: renewed\n      date: {last.text(3)}\n"
                        f"{renewal if anssi else ''}      sources: {register}\n"
                    )
                    seen = _Day(last.year + 1, last.month, last.day)
                    if seen.year <= y and rng.random() < 0.3:
                        # A later source only shows the status still held: `bound: by`.
                        out_offer.append(
                            f"    - status: renewed\n      date: {seen.text(3)}\n      bound: by\n"
                            f"      sources: {some()}\n"
                        )
                elif rng.random() < 0.1:
                    end = _Day(last.year + 1, last.month, last.day)
                    if end.year <= y:
                        out_offer.append(
                            f"    - status: withdrawn\n      date: {end.text(2)}\n"
                            f"      sources: {some()}\n"
                        )
                out_offer.append(
                    f"    - status: expires\n      date: {_Day(last.year + 3, last.month, last.day).text(3)}\n"
                    f"      sources: {register}\n"
                )
        out.append(
            f"  register_checks:\n  - scheme: secnumcloud\n    date: {checked}\n"
            "    note: >-\n      No other offer of the provider is listed among qualified offers.\n"
            f"    sources: {_flow([catalogue])}\n"
        )
        if rng.random() < 0.3:
            out.append(
                f"  - scheme: hds\n    date: {self._day(y - 2, y).text(2)}\n    sources: {some()}\n"
            )

        # Where each offer keeps data, and who administers it.
        if rng.random() < 0.1:
            location = ""
        else:
            home = [hq] if hq in _EU else ["FR"]
            storage = list(dict.fromkeys([*home, *rng.sample(_EU, rng.randint(0, 2))]))
            processing = "null" if rng.random() < 0.2 else _quoted(storage)
            location = (
                f"    location:\n      storage: {_quoted(storage)}\n      processing: {processing}\n"
                f"      exclusive: {rng.choice(('true', 'false', 'null'))}\n"
                f"      contractual: {rng.choice(('true', 'null'))}\n"
                f"      scope: {name.split()[0]} regions in the EU\n"
                "      note: " + _folded(_SENTENCES[5], "        ") + f"      sources: {some()}\n"
                f"    administration:\n      non_eu: {'true' if us else rng.choice(('false', 'null'))}\n"
                f"      sources: {some()}\n"
            )

        # Extraterritorial exposure.
        if us:
            out.append(
                "  extraterritorial_exposure:\n    exposed: true\n"
                "    laws: [us_cloud_act, us_fisa_702]\n"
                "    reason: "
                + _folded(
                    f"{name} is a US company: the CLOUD Act reaches data held by any service "
                    "provider with operations in the US, wherever it is stored.",
                    "      ",
                )
                + f"    sources: {some('us-code-2018-cloud-act')}\n"
            )
        else:
            out.append(
                f"  extraterritorial_exposure:\n    exposed: {rng.choice(('false', 'false', 'null'))}\n"
                "    laws: []\n"
                "    reason: " + _folded(_SENTENCES[10], "      ") + f"    sources: {some()}\n"
            )

        # Market shares: context, not scored.
        if rng.random() < 0.3:
            out.append("  market_shares:\n")
            for back in range(rng.randint(1, 3)):
                out.append(
                    "  - market: France, public cloud IaaS+PaaS revenue\n"
                    f"    period: {y - back}\n    share: {round(rng.uniform(0.1, 5), 2):g}\n"
                    f"    by: Markess by Exaegis\n    sources: [markess-{y - back}-cloud-france]\n"
                )
        else:
            out.append("  market_shares: []\n")
        chosen = rng.sample(_SENTENCES, 2)
        out.append("  notes: " + _folded(" ".join(chosen), "    "))
        out.append("  offers:\n")
        if not offer_blocks:
            offer_blocks.append(("Cloud", models[0], []))
        for index_offer, (offer, model, history) in enumerate(offer_blocks):
            ident = offer.lower().replace(" ", "-")
            out.append(
                f"  - id: {ident}-{index_offer}\n    name: {name.split()[0]} {offer}\n"
                f"    service_models: {_flow(sorted({model, *models}))}\n"
            )
            if history:
                out.append("    qualifications:\n")
                out.extend("  " + line.replace("\n", "\n  ").rstrip(" ") for line in history)
            out.append(location)
        return "".join(out), sources


def write_providers(path: Path, count: int, *, seed: int = 1, today: dt.date | None = None) -> int:
    """Write a providers file of `count` synthetic providers to `path`; return its size in bytes."""
    generator = _Generator(seed, today or dt.date.today())
    with open(path, "w", encoding="utf-8") as handle:
        _write(handle, generator, count)
    return path.stat().st_size


def _write(handle: TextIO, generator: _Generator, count: int) -> None:
    handle.write(
        f"# {count} synthetic providers for sovscore's benchmark (bench/bench.py); not real data.\n"
        "schema_version: 2\nproviders:\n"
    )
    with tempfile.TemporaryFile("w+", encoding="utf-8") as own:
        # Each provider's own sources wait in a spool file until the providers are written.
        chunk: list[str] = []
        sources: list[str] = []
        for index in range(count):
            entry, cited = generator.provider(index)
            chunk.append(entry)
            sources.extend(cited)
            if len(chunk) >= 1000:
                handle.write("".join(chunk))
                own.write("".join(sources))
                chunk.clear()
                sources.clear()
        handle.write("".join(chunk))
        own.write("".join(sources))
        handle.write("sources:\n")
        handle.write("".join(entry for _, entry in generator.shared))
        own.seek(0)
        shutil.copyfileobj(own, handle, 1 << 20)


def size_label(count: int) -> str:
    if count % 1_000_000 == 0:
        return f"{count // 1_000_000}M"
    if count % 1000 == 0:
        return f"{count // 1000}k"
    return str(count)


# --------------------------------------------------------------------------------------------
# Measuring processes
# --------------------------------------------------------------------------------------------

_WRAPPER = """\
import os, sys, time
out = os.open(os.devnull, os.O_WRONLY)
start = time.perf_counter()
pid = os.posix_spawn(sys.argv[1], sys.argv[1:], os.environ, file_actions=[(os.POSIX_SPAWN_DUP2, out, 1)])
_, status, usage = os.wait4(pid, 0)
wall = time.perf_counter() - start
scale = 1 if sys.platform == "darwin" else 1024
print(wall, usage.ru_maxrss * scale, os.waitstatus_to_exitcode(status), usage.ru_utime + usage.ru_stime)
"""
"""Runs one command with stdout to /dev/null; prints its wall time, peak RSS (bytes), exit code
and CPU time (user + system: what the process itself used, far less sensitive than wall time
to other work on the machine).

wait4 gives the resource usage of that one child, so its peak RSS is its own. On Linux a child
starts from the peak of the process that spawned it (about 8 MiB for this `python -S` wrapper, far
below any measured interpreter), which is why the benchmark itself never spawns a measured command.
"""

_FLOOR_LOAD = """\
import json, sys, yaml
loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
with open(sys.argv[1], "rb") as handle:
    data = yaml.load(handle, Loader=loader)
json.dump(data, sys.stdout, default=str)
"""
"""The scale floor as it always was: PyYAML's C loader, then json.dump (the pure-Python writer:
json.dump never uses the C encoder), with the cyclic garbage collector on."""

_FLOOR_LOAD_FAST = """\
import gc, json, sys
gc.disable()
import yaml
loader = getattr(yaml, "CSafeLoader", None) or yaml.SafeLoader
with open(sys.argv[1], "rb") as handle:
    data = yaml.load(handle, Loader=loader)
sys.stdout.write(json.dumps(data, default=str))
"""
"""The fair scale floor: the same read with the garbage collector off, written by the C JSON
encoder (json.dumps in one shot), as sovscore's own output is."""

_FLOOR_RAW = """\
import gc, sys
gc.disable()
import {module} as parser
with open(sys.argv[1], encoding="utf-8") as handle:
    text = handle.read()
parser.{function}(text)
"""
"""The physical reference: the fastest YAML parser installed, parsing the file and nothing else
(no validation, no output). Not a drop-in for sovscore: its YAML readings may differ."""

RAW_PARSERS = (("yaml_rs", "loads", "yaml-rs"), ("ryaml", "loads", "ryaml"))
"""YAML parsers faster than libyaml, tried in this order: (module, function, PyPI name)."""

FAIR_APP = '''\
"""The fair floor: a minimal typer app (two commands, one option) that validates one small
pydantic model and prints it as JSON, or as a small rich table."""

import json

import typer
from pydantic import BaseModel


class Provider(BaseModel):
    id: str
    name: str
    country: str
    score: float


DATA = [
    {"id": "numspot", "name": "NumSpot", "country": "FR", "score": 90.0},
    {"id": "outscale", "name": "3DS Outscale", "country": "FR", "score": 86.5},
    {"id": "aws", "name": "Amazon Web Services", "country": "US", "score": 12.0},
]

app = typer.Typer()


def _emit(providers: list[Provider], as_json: bool) -> None:
    if as_json:
        print(json.dumps([p.model_dump() for p in providers], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Ranking")
    for column in ("#", "Provider", "Country", "Score"):
        table.add_column(column)
    for place, p in enumerate(providers, 1):
        table.add_row(str(place), p.name, p.country, f"{p.score:.1f}")
    Console().print(table)


@app.command()
def rank(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Rank the providers."""
    _emit([Provider.model_validate(item) for item in DATA], as_json)


@app.command()
def show(name: str, as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Show one provider."""
    _emit([Provider.model_validate(item) for item in DATA if item["id"] == name], as_json)


if __name__ == "__main__":
    app()
'''
"""The start-up floor of sovscore's own stack: what any typer + pydantic command costs."""

SHOW_NAME = "numspot"
"""The provider `show` explains in the start-up measures (one of the bundled providers)."""


@dataclass
class Measure:
    label: str
    argv: list[str]
    walls: list[float] = field(default_factory=list)
    rss: list[int] = field(default_factory=list)
    cpus: list[float] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return statistics.median(self.walls)

    @property
    def cpu(self) -> float:
        return statistics.median(self.cpus)

    @property
    def peak(self) -> float:
        return statistics.median(self.rss)


def paired(measured: Measure, floor: Measure, *, cpu: bool = False) -> float:
    """The median of the per-round ratios: both ran in the same round, next to each other."""
    ours, theirs = (measured.cpus, floor.cpus) if cpu else (measured.walls, floor.walls)
    return statistics.median(m / f for m, f in zip(ours, theirs, strict=True))


class CommandFailed(Exception):
    pass


def _environment(pycache: Path) -> dict[str, str]:
    """The environment of every measured process.

    Bytecode goes to `pycache` (PYTHONPYCACHEPREFIX), even where PYTHONDONTWRITEBYTECODE is set:
    otherwise an editable install compiles sovscore's own modules from source at every start
    while the libraries load the bytecode pip wrote, and the start-up ratios would measure that.
    With a prefix both sides compile once (in the warm-up run) and load bytecode afterwards, as
    an installed sovscore does; nothing is written next to the sources.
    """
    env = dict(os.environ)
    env["SOVSCORE_MAX_FILE_MB"] = MAX_FILE_MB
    env["NO_COLOR"] = "1"
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    for name in ("PYTHONDONTWRITEBYTECODE", "PYTHONPROFILEIMPORTTIME", "PYTHONTRACEMALLOC"):
        env.pop(name, None)
    return env


def run_once(measure: Measure, env: dict[str, str], *, record: bool = True) -> None:
    done = subprocess.run(
        [PYTHON, "-S", "-c", _WRAPPER, *measure.argv],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    try:
        wall_text, rss_text, code_text, cpu_text = done.stdout.split()
        code = int(code_text)
    except ValueError:
        raise CommandFailed(f"{measure.label}: the wrapper failed: {done.stderr.strip()}") from None
    if code != 0:
        raise CommandFailed(
            f"{measure.label}: exit {code} from {' '.join(measure.argv)}\n{done.stderr.strip()}"
        )
    if record:
        measure.walls.append(float(wall_text))
        measure.rss.append(int(rss_text))
        measure.cpus.append(float(cpu_text))


def run_rounds(measures: list[Measure], runs: int, env: dict[str, str], *, warm_up: bool) -> None:
    """Run every command once per round, the order turning by one each round, so drift on the
    machine touches all alike and each ratio can be taken within a round."""
    if warm_up:
        for measure in measures:
            run_once(measure, env, record=False)
    for round_ in range(runs):
        shift = round_ % len(measures)
        for measure in measures[shift:] + measures[:shift]:
            run_once(measure, env)


def yaml_loader(env: dict[str, str]) -> str:
    done = subprocess.run(
        [PYTHON, "-c", "import yaml; print(hasattr(yaml, 'CSafeLoader'))"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise CommandFailed(f"PyYAML cannot be imported by {PYTHON}: {done.stderr.strip()}")
    return "CSafeLoader" if done.stdout.strip() == "True" else "SafeLoader"


def raw_parser(env: dict[str, str]) -> tuple[str, str, str] | None:
    """The first of RAW_PARSERS that this interpreter can import, or None."""
    for module, function, name in RAW_PARSERS:
        done = subprocess.run(
            [PYTHON, "-c", f"import {module}; {module}.{function}"],
            capture_output=True,
            env=env,
            check=False,
        )
        if done.returncode == 0:
            return module, function, name
    return None


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass
class Row:
    check: str
    measured: str
    floor: str
    value: float
    target: float | None
    kind: str = "time"
    counted: bool = True
    """False for a reference row (the floor's own growth): shown, never fails --check."""
    cpu: float | None = None
    """The same ratio on CPU time (user + system), beside the wall-time one that is judged."""

    @property
    def ok(self) -> bool | None:
        return None if self.target is None else self.value <= self.target


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def _mib(size: float) -> str:
    mib = size / 2**20
    return f"{mib / 1024:.2f} GiB" if mib >= 1024 else f"{mib:.1f} MiB"


@dataclass
class Report:
    python: str
    platform: str
    cpus: int | None
    runs: int
    startup_runs: int
    loader: str
    raw: str | None
    sizes: list[int]
    file_bytes: dict[str, int]
    generate_seconds: dict[str, float]
    measures: list[Measure]
    rows: list[Row]
    seconds: float = 0.0

    def failed(self) -> list[Row]:
        return [row for row in self.rows if row.counted and row.ok is False]

    def as_json(self) -> dict[str, Any]:
        return {
            "python": self.python,
            "platform": self.platform,
            "cpus": self.cpus,
            "runs": self.runs,
            "startup_runs": self.startup_runs,
            "floor_loader": f"yaml.{self.loader}",
            "raw_parser": self.raw,
            "sizes": self.sizes,
            "file_bytes": self.file_bytes,
            "generate_seconds": self.generate_seconds,
            "seconds": round(self.seconds, 2),
            "measures": [
                {
                    "label": m.label,
                    "argv": m.argv,
                    "wall_median": m.wall,
                    "walls": m.walls,
                    "peak_rss_median": m.peak,
                    "peak_rss": m.rss,
                    "cpu_median": m.cpu,
                    "cpus": m.cpus,
                }
                for m in self.measures
            ],
            "checks": [{**asdict(row), "ok": row.ok} for row in self.rows],
            "failed": [row.check for row in self.failed()],
        }


@dataclass
class Measures:
    """Every measured command by key: the start-up group and, per size, the scale group."""

    startup: dict[str, Measure]
    scale: dict[int, dict[str, Measure]]

    def all(self) -> list[Measure]:
        return [
            *self.startup.values(),
            *(m for group in self.scale.values() for m in group.values()),
        ]


STARTUP_JSON = ("rank --json", f"show {SHOW_NAME} --json", "offers --json")
"""Data output: each within TARGET_FAIR of the fair JSON floor."""
STARTUP_TABLE = ("rank", f"show {SHOW_NAME}")
"""Tables: each within TARGET_FAIR of the fair table floor."""
STARTUP_OTHER = ("offers", "report")
"""Shown against the table floor, without a target."""


def _ratio_row(
    check: str, measured: Measure, floor: Measure, target: float | None, *, counted: bool = True
) -> Row:
    return Row(
        check,
        _ms(measured.wall),
        _ms(floor.wall),
        paired(measured, floor),
        target,
        counted=counted,
        cpu=paired(measured, floor, cpu=True),
    )


def build_rows(measures: Measures, sizes: list[int]) -> list[Row]:
    s = measures.startup
    rows = [
        _ratio_row("--version vs import typer", s["--version"], s["import typer"], TARGET_VERSION),
        _ratio_row("fair JSON floor vs imports", s["fair json"], s["imports"], None),
        _ratio_row("fair table floor vs imports", s["fair table"], s["imports"], None),
    ]
    for command in (*STARTUP_JSON, *STARTUP_TABLE, *STARTUP_OTHER):
        table = command not in STARTUP_JSON
        floor = "fair table" if table else "fair json"
        target = None if command in STARTUP_OTHER else TARGET_FAIR
        rows.append(_ratio_row(f"{command} vs {floor} floor", s[command], s[floor], target))
        rows.append(_ratio_row(f"{command} vs imports", s[command], s["imports"], None))
    for size in sizes:
        group = measures.scale[size]
        label = size_label(size)
        sov = group["sovscore"]
        rows.append(
            _ratio_row(
                f"rank --json {label} vs yaml+json GC-off",
                sov,
                group["fast"],
                TARGET_SCALE if size == TARGET_SCALE_AT else None,
            )
        )
        rows.append(_ratio_row(f"rank --json {label} vs yaml+json", sov, group["floor"], None))
        if "raw" in group:
            rows.append(_ratio_row(f"rank --json {label} vs raw parse", sov, group["raw"], None))
    names = [("sovscore", True), ("floor", False), ("fast", False)]
    for small, large in itertools.pairwise(sizes):
        step = f"{size_label(small)}->{size_label(large)}"
        limit = TARGET_GROWTH * large / small
        for key, counted in names:
            at_small, at_large = measures.scale[small][key], measures.scale[large][key]
            who = {"sovscore": "sovscore", "floor": "yaml+json", "fast": "GC-off floor"}[key]
            rows.append(
                Row(
                    f"growth {step}, {who}",
                    _ms(at_large.wall),
                    _ms(at_small.wall),
                    at_large.wall / at_small.wall,
                    limit if large == TARGET_GROWTH_AT or not counted else None,
                    kind="growth",
                    counted=counted,
                    cpu=at_large.cpu / at_small.cpu,
                )
            )
    for size in sizes:
        group = measures.scale[size]
        label = size_label(size)
        for key, what in (("floor", "yaml+json"), ("fast", "yaml+json GC-off")):
            rows.append(
                Row(
                    f"peak RSS {label} vs {what}",
                    _mib(group["sovscore"].peak),
                    _mib(group[key].peak),
                    group["sovscore"].peak / group[key].peak,
                    TARGET_MEMORY if size == TARGET_MEMORY_AT and key == "floor" else None,
                    kind="memory",
                )
            )
    for small, large in itertools.pairwise(sizes):
        at_small, at_large = measures.scale[small]["sovscore"], measures.scale[large]["sovscore"]
        rows.append(
            Row(
                f"peak RSS growth {size_label(small)}->{size_label(large)}, sovscore",
                _mib(at_large.peak),
                _mib(at_small.peak),
                at_large.peak / at_small.peak,
                None,
                kind="memory",
            )
        )
    return rows


def _measurements(measures: list[Measure]) -> list[str]:
    """Each command's median, fastest and slowest wall time and its median peak RSS."""
    table = [("command", "median", "min", "max", "CPU", "peak RSS")]
    table.extend(
        (m.label, _ms(m.wall), _ms(min(m.walls)), _ms(max(m.walls)), _ms(m.cpu), _mib(m.peak))
        for m in measures
    )
    widths = [max(len(line[i]) for line in table) for i in range(6)]
    return [
        "  ".join(
            [
                line[0].ljust(widths[0]),
                *(c.rjust(w) for c, w in zip(line[1:], widths[1:], strict=True)),
            ]
        )
        for line in table
    ]


def render(report: Report) -> str:
    header = ("check", "measured", "baseline", "ratio", "CPU ratio", "target", "result")
    table: list[tuple[str, ...]] = [header]
    for row in report.rows:
        target = "-" if row.target is None else f"<= {row.target:.3g}x"
        if row.ok is None:
            result = "info"
        elif not row.counted:
            result = "ok (ref)" if row.ok else "over (ref)"
        else:
            result = "pass" if row.ok else "FAIL"
        cpu = "-" if row.cpu is None else f"{row.cpu:.2f}x"
        table.append((row.check, row.measured, row.floor, f"{row.value:.2f}x", cpu, target, result))
    widths = [max(len(line[i]) for line in table) for i in range(len(header))]
    lines = [
        f"sovscore benchmark: Python {report.python} on {report.platform}, "
        f"{report.cpus} CPUs; start-up: median of {report.startup_runs} rounds, scale: median "
        f"of {report.runs} rounds; floor loader yaml.{report.loader}",
    ]
    if report.loader != "CSafeLoader":
        lines.append(
            "warning: PyYAML has no libyaml here: the load floor uses the pure-Python SafeLoader, "
            "which is far slower, so the scale ratios flatter sovscore"
        )
    if report.raw is None:
        names = ", ".join(name for _, _, name in RAW_PARSERS)
        lines.append(
            f"raw YAML parser reference: none installed (tried {names}); libyaml is the fastest here"
        )
    else:
        lines.append(f"raw YAML parser reference: {report.raw} (parse only; not a drop-in)")
    files = ", ".join(
        f"{size_label(s)}: {_mib(report.file_bytes[size_label(s)])}" for s in report.sizes
    )
    lines.append(f"synthetic providers files: {files}")
    lines.append("")
    for index, line in enumerate(table):
        cells = [
            line[0].ljust(widths[0]),
            *(cell.rjust(width) for cell, width in zip(line[1:5], widths[1:5], strict=True)),
            line[5].ljust(widths[5]),
            line[6],
        ]
        lines.append("  ".join(cells).rstrip())
        if index == 0:
            lines.append("  ".join("-" * width for width in widths))
    lines.append("")
    lines.extend(_measurements(report.measures))
    lines.append("")
    lines.extend(
        [
            "measured: sovscore; baseline: its floor (growth: the same command at the smaller size).",
            "ratio: the median of the per-round ratios (each round runs every command of its group",
            "once, in an order that turns). Floors: --version vs python -c 'import typer'; imports:",
            "python -c 'import typer, rich.table, pydantic, yaml'; fair JSON floor: a minimal typer",
            "app (two commands, one option) validating one small pydantic model and printing JSON;",
            "fair table floor: the same app printing a small rich table; N providers: the same file",
            f"read with yaml.{report.loader} and written with json.dump (GC on, pure-Python writer),",
            "or with the GC off and json.dumps (the C encoder). Growth target: "
            f"{TARGET_GROWTH:g}x the size ratio at {size_label(TARGET_GROWTH_AT)}.",
            "Times: wall time (judged) and CPU time, user + system (beside it: other work on the",
            "machine moves it far less); peak RSS: median of each run's peak. Bytecode: cached for the run",
            "(PYTHONPYCACHEPREFIX), loaded by every side after a warm-up run.",
        ]
    )
    failed = report.failed()
    verdict = "all targets met" if not failed else f"{len(failed)} target(s) missed"
    lines.append(f"{verdict}; the run took {report.seconds:.0f} s")
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.strip().lower().replace("k", "000")) for part in text.split(",")})
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: expected sizes such as 1000,10000 or 1k,10k"
        ) from None
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: sizes must be positive")
    return sizes


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a positive number")
    return value


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench.py", description=__doc__.split("\n\n")[0] if __doc__ else None
    )
    parser.add_argument(
        "--runs",
        type=_positive,
        help=f"rounds per size (default {DEFAULT_RUNS}; --quick: {QUICK_RUNS})",
    )
    parser.add_argument(
        "--startup-runs",
        type=_positive,
        help=f"rounds of the start-up commands (default {DEFAULT_STARTUP_RUNS}; --quick: {QUICK_RUNS})",
    )
    parser.add_argument(
        "--sizes", type=_sizes, help="provider counts, comma-separated (default 1000,10000)"
    )
    parser.add_argument(
        "--full",
        action="store_true",
        help="add 100k providers (about 500 MiB: several minutes a round, about 6 GiB of memory)",
    )
    parser.add_argument("--quick", action="store_true", help="1k providers, 2 rounds: a smoke run")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--write",
        metavar="DIR",
        type=Path,
        help="only write the synthetic providers files (N.yaml for each size) to DIR",
    )
    parser.add_argument("--seed", type=int, default=1, help="seed of the synthetic data")
    return parser.parse_args(argv)


def generate(directory: Path, sizes: Sequence[int], seed: int) -> Iterator[tuple[int, Path, float]]:
    for size in sizes:
        path = directory / f"{size_label(size)}.yaml"
        start = time.perf_counter()
        write_providers(path, size, seed=seed)
        yield size, path, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    sizes: list[int] = args.sizes or ([1_000] if args.quick else list(DEFAULT_SIZES))
    if args.full:
        sizes = sorted({*sizes, *FULL_SIZES})
    runs: int = args.runs or (QUICK_RUNS if args.quick else DEFAULT_RUNS)
    startup_runs: int = args.startup_runs or (QUICK_RUNS if args.quick else DEFAULT_STARTUP_RUNS)
    if args.write is not None:
        args.write.mkdir(parents=True, exist_ok=True)
        for size, path, seconds in generate(args.write, sizes, args.seed):
            print(f"{path} ({size} providers, {_mib(path.stat().st_size)}, {seconds:.1f} s)")
        return 0
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="sovscore-bench-") as tmp:
            env = _environment(Path(tmp) / "pycache")
            report = measure_all(
                Path(tmp), sizes, runs, startup_runs, args.seed, env, quiet=args.json
            )
    except CommandFailed as exc:
        print(f"bench.py: {exc}", file=sys.stderr)
        return 2
    report.seconds = time.perf_counter() - started
    if args.json:
        print(json.dumps(report.as_json(), indent=2))
    else:
        print(render(report))
    return 1 if args.check and report.failed() else 0


def startup_measures(directory: Path) -> dict[str, Measure]:
    """The start-up group: sovscore's commands on the bundled data and the floors they face."""
    app = directory / "fair_floor.py"
    app.write_text(FAIR_APP, encoding="utf-8")
    group = {
        "import typer": Measure("import typer", [PYTHON, "-c", "import typer"]),
        "imports": Measure(
            "import typer, rich.table, pydantic, yaml",
            [PYTHON, "-c", "import typer, rich.table, pydantic, yaml"],
        ),
        "fair json": Measure(
            "fair floor: typer+pydantic app --json", [PYTHON, str(app), "rank", "--json"]
        ),
        "fair table": Measure(
            "fair floor: typer+pydantic app, rich table", [PYTHON, str(app), "rank"]
        ),
        "--version": Measure("sovscore --version", [*SOVSCORE, "--version"]),
    }
    for command in (*STARTUP_JSON, *STARTUP_TABLE, *STARTUP_OTHER):
        label = (
            "sovscore rank --json (bundled)" if command == "rank --json" else f"sovscore {command}"
        )
        group[command] = Measure(label, [*SOVSCORE, *command.split()])
    return group


def measure_all(
    directory: Path,
    sizes: list[int],
    runs: int,
    startup_runs: int,
    seed: int,
    env: dict[str, str],
    *,
    quiet: bool,
) -> Report:
    def say(text: str) -> None:
        if not quiet:
            print(text, file=sys.stderr, flush=True)

    loader = yaml_loader(env)
    raw = raw_parser(env)
    file_bytes: dict[str, int] = {}
    generate_seconds: dict[str, float] = {}
    paths: dict[int, Path] = {}
    for size, path, seconds in generate(directory, sizes, seed):
        label = size_label(size)
        paths[size] = path
        file_bytes[label] = path.stat().st_size
        generate_seconds[label] = round(seconds, 2)
        say(f"generated {label} providers: {_mib(file_bytes[label])} in {seconds:.1f} s")

    measures = Measures(startup=startup_measures(directory), scale={})
    for size in sizes:
        label = size_label(size)
        file = str(paths[size])
        group = {
            "sovscore": Measure(
                f"sovscore rank --json --providers {label}.yaml",
                [*SOVSCORE, "rank", "--json", "--providers", file],
            ),
            "floor": Measure(
                f"yaml.{loader} + json.dump {label}.yaml", [PYTHON, "-c", _FLOOR_LOAD, file]
            ),
            "fast": Measure(
                f"GC off, yaml.{loader} + json.dumps {label}.yaml",
                [PYTHON, "-c", _FLOOR_LOAD_FAST, file],
            ),
        }
        if raw is not None:
            module, function, name = raw
            group["raw"] = Measure(
                f"raw parse, {name} {label}.yaml",
                [PYTHON, "-c", _FLOOR_RAW.format(module=module, function=function), file],
            )
        measures.scale[size] = group

    say(f"measuring {len(measures.startup)} start-up commands ({startup_runs} rounds)")
    # A warm-up round for the small commands (bytecode caches, page cache); the big files were
    # just written, so they are cached already and a warm-up would only cost time.
    run_rounds(list(measures.startup.values()), startup_runs, env, warm_up=True)
    for m in measures.startup.values():
        say(f"  {m.label}: {_ms(m.wall)}")
    for size, group in measures.scale.items():
        say(f"measuring {size_label(size)} providers ({runs} rounds)")
        run_rounds(list(group.values()), runs, env, warm_up=False)
        for m in group.values():
            say(f"  {m.label}: {_ms(m.wall)}, peak RSS {_mib(m.peak)}")
    return Report(
        python=platform.python_version(),
        platform=f"{platform.system()} {platform.machine()}",
        cpus=os.cpu_count(),
        runs=runs,
        startup_runs=startup_runs,
        loader=loader,
        raw=None if raw is None else raw[2],
        sizes=sizes,
        file_bytes=file_bytes,
        generate_seconds=generate_seconds,
        measures=measures.all(),
        rows=build_rows(measures, sizes),
    )


if __name__ == "__main__":
    sys.exit(main())
