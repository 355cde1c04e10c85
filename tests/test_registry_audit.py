"""The registry has every head of state and government on 1 January of a sample of country-years
(benchmarks/registry_audit.py audits all of them against the shared datasets)."""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import pytest

from digestgen.taxonomy.entries import default_registry
from digestgen.taxonomy.leaders import LeaderDef
from digestgen.taxonomy.roles import date_bounds

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "leaders"

# (country, year, holder): in office on 1 January of the year, spread over 2015-2026 and over the
# offices the datasets miss most (monarchs, military councils, crown princes who govern).
SAMPLE = [
    ("Iran", 2016, "Ali Khamenei"),
    ("Iran", 2025, "Ali Khamenei"),
    ("Jordan", 2015, "Abdullah II"),
    ("Jordan", 2024, "Abdullah II"),
    ("Morocco", 2020, "Mohammed VI"),
    ("Bhutan", 2023, "Jigme Khesar Namgyel Wangchuck"),
    ("Netherlands", 2019, "Willem-Alexander"),
    ("Saudi Arabia", 2016, "Salman bin Abdulaziz Al Saud"),
    ("Saudi Arabia", 2023, "Mohammed bin Salman"),
    ("Sudan", 2020, "Abdelrahman Burhan"),
    ("Sudan", 2026, "Abdelrahman Burhan"),
    ("Myanmar", 2022, "Min Aung Hlaing"),
    ("Myanmar", 2022, "Myint Swe"),
    ("Mali", 2021, "Ba N'Daou"),
    ("Mali", 2023, "Assimi Goïta"),
    ("Burkina Faso", 2023, "Ibrahim Traoré"),
    ("Burkina Faso", 2018, "Roch Marc Christian Kaboré"),
    ("Niger", 2024, "Abdourahamane Tchiani"),
    ("Guinea", 2019, "Alpha Condé"),
    ("Guinea", 2022, "Mamady Doumbouya"),
    ("Chad", 2023, "Mahamat Déby"),
    ("Chad", 2023, "Saleh Kebzabo"),
    ("Gabon", 2024, "Brice Clotaire Oligui Nguema"),
    ("Togo", 2017, "Faure Essozimna Gnassingbé"),
    ("Ethiopia", 2020, "Sahle-Work Zewde"),
    ("Nigeria", 2023, "Muhammadu Buhari"),
    ("Ghana", 2025, "Nana Akufo-Addo"),
    ("Cyprus", 2023, "Nikos Anastasiades"),
    ("Micronesia", 2017, "Peter M. Christian"),
    ("United States", 2015, "Barack Obama"),
    ("United States", 2025, "Joe Biden"),
    ("United States", 2026, "Donald Trump"),
    ("United Kingdom", 2023, "Rishi Sunak"),
    ("United Kingdom", 2023, "Charles III"),
    ("Germany", 2022, "Olaf Scholz"),
    ("Japan", 2022, "Fumio Kishida"),
    ("Brazil", 2024, "Luiz Inácio Lula da Silva"),
    ("Kenya", 2023, "William Ruto"),
    ("Tuvalu", 2025, "Feleti Teo"),
    ("Eswatini", 2025, "Russell Dlamini"),
    # Heads of state who reign, not rule, and left before the Wikidata snapshots begin (2021).
    ("Japan", 2015, "Akihito"),
    ("Netherlands", 2005, "Beatrix"),
    ("Belgium", 2005, "Albert II"),
    ("Spain", 2005, "Juan Carlos"),
    ("Thailand", 2015, "Bhumibol Adulyadej"),
    ("Vatican City", 2005, "John Paul II"),
    ("Vatican City", 2010, "Benedict XVI"),
    ("Vatican City", 2016, "Pope Francis"),
    ("Mali", 2013, "Dioncounda Traore"),
]


def _holds(d: LeaderDef, country: str, day: datetime.date) -> bool:
    """A role in `country` that surely began by `day` and had not ended (a year-only end is the
    year the holder left, so they were there on its 1 January)."""
    for r in d.roles:
        start, end = date_bounds(r.start), date_bounds(r.end)
        began = start is None or start[1] <= day
        if (
            r.country == country
            and began
            and (end is None or day < end[0] or (len(r.end or "") == 4 and day <= end[1]))
        ):
            return True
    return False


@pytest.mark.parametrize("country,year,name", SAMPLE)
def test_head_of_state_or_government_in_office_on_1_january(country: str, year: int, name: str) -> None:
    leaders, _, _ = default_registry()
    named = [d for d in leaders if d.name == name or name in d.aliases]
    assert named, f"{name} is not in the registry"
    assert any(_holds(d, country, datetime.date(year, 1, 1)) for d in named), [d.roles for d in named]


def test_the_audit_finds_no_gap_for_the_sample() -> None:
    if not DATA.is_dir():
        pytest.skip(f"shared leader data not found at {DATA}")
    sys.path.insert(0, str(REPO / "benchmarks"))
    import registry_audit

    leaders, countries = registry_audit.shipped()
    gaps, holders = registry_audit.audit(leaders, DATA, range(2015, 2027), countries, registry_audit._cow(DATA))
    assert len(holders) == len(countries) * 12
    for country, year, name in SAMPLE:
        surname = name.split()[-1]
        assert not [g for g in gaps if g.startswith(f"{year} {country}: ") and surname in g], (country, year, name)
