"""The code lists ship with Danish labels and the sizes docs/format.md §5 gives."""

from desktop.domain.codes import code_list, grade_scale
from desktop.domain.fields import FIELDS


def test_the_98_municipalities_with_names():
    kommuner = code_list("kommuner")
    assert len(kommuner) == 98
    assert kommuner.label("101") == "København"
    assert kommuner.label("751") == "Aarhus"
    assert kommuner.label("860") == "Hjørring"
    assert "411" not in kommuner  # Christiansø is not a municipality


def test_nations_current_historic_and_kosovo_with_danish_names():
    nationer = code_list("nationer")
    assert nationer.label("DEU") == "Tyskland"
    assert nationer.label("DNK") == "Danmark"
    for historic in ("YUG", "SCG", "CSK", "SUN", "DDR"):
        assert historic in nationer
    assert nationer.label("XKX") == "Kosovo"
    assert len(nationer) > 260


def test_grade_scales_follow_the_quarter_and_keep_leading_zeros():
    assert list(grade_scale("20074").items) == ["12", "10", "7", "4", "02", "00", "-3"]
    assert list(grade_scale("20073").items) == ["13", "11", "10", "9", "8", "7", "6", "5", "03",
                                                "00"]


def test_every_code_list_named_by_the_catalogue_exists_with_labels():
    sizes = {"henviskat": 9, "ophoersaarsag": 8, "ptype": 12, "pstatus": 5, "uuddnr": 3,
             "umodul": 6, "kkoen": 2, "pselvstuderende": 2}
    for fields in FIELDS.values():
        for f in fields:
            if f.codes:
                codes = code_list(f.codes)
                assert all(label for _, label in codes)
                if f.codes in sizes:
                    assert len(codes) == sizes[f.codes]
                    # every code passes the field's own schema facets
                    assert all(f.problem(code) is None for code, _ in codes)
