"""Journey 5 (part): axe-core finds no serious or critical accessibility violations."""

from tests.e2e.conftest import serious_accessibility_violations


def test_admin_login_page_has_no_serious_accessibility_violations(site, page, csp_violations):
    page.goto(f"{site}/admin/login/")
    assert serious_accessibility_violations(page) == []
    assert csp_violations == []
