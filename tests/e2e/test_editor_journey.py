"""Journey 1: an editor writes a case in the admin and sends it to review; the public cannot see it yet."""

from urllib.parse import quote

from practices.models import Practice, ReviewComment
from tests import factories
from tests.e2e.conftest import admin_login

TITLE = "东盛路派出所红扁担服务队"


def choose_autocomplete(page, field, typed, option):
    """Pick `option` in the admin's select2 autocomplete for `field` after typing `typed`."""
    page.click(f".field-{field} .select2-selection")
    page.fill(".select2-container--open .select2-search__field", typed)
    page.click(f".select2-results__option:has-text('{option}')")


def test_editor_creates_a_case_and_sends_it_to_review(site, new_page, tmp_path, csp_violations):
    factories.theme(name="平安建设", slug="safety")
    factories.region("220105", "二道区")
    factories.editor(username="bianji")
    photo = tmp_path / "服务队.jpg"
    photo.write_bytes(factories.image_bytes(size=(800, 600)))

    page = new_page()
    admin_login(page, site, "bianji")
    page.goto(f"{site}/admin/practices/practice/add/")
    page.fill("#id_title", TITLE)
    page.fill("#id_summary", "网格员和民警组成服务队，走村入户、在线直播答疑。")
    page.fill("#id_background", "辖区群众办事不便。")
    page.fill("#id_approach", "第一段。\n\n第二段。")
    choose_autocomplete(page, "theme", "平安", "平安建设")
    choose_autocomplete(page, "region", "二道", "二道区")
    page.fill("#id_tags", "枫桥经验，调解、网格")

    page.click("#images-group .add-row a")
    page.set_input_files("#id_images-0-image", str(photo))
    page.fill("#id_images-0-alt_text", "民警和网格员在社区服务站前合影")
    page.fill("#id_images-0-caption", "红扁担服务队在东盛路社区")
    page.click("#key_figures-group .add-row a")
    page.fill("#id_key_figures-0-label", "办结率")
    page.fill("#id_key_figures-0-value", "99.84")
    page.fill("#id_key_figures-0-unit", "%")
    page.click("#sources-group .add-row a")
    page.fill("#id_sources-0-title", "吉林行采访活动掠影")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")

    case = Practice.objects.get()
    assert case.status == Practice.Status.DRAFT
    assert sorted(case.tags.names()) == ["枫桥经验", "网格", "调解"]
    image = case.images.get()
    assert (image.alt_text, image.caption) == ("民警和网格员在社区服务站前合影", "红扁担服务队在东盛路社区")
    assert image.width == 800
    assert case.key_figures.get().value_display == "99.84"
    assert case.sources.get().title == "吉林行采访活动掠影"

    # The changelist's "提交审核" action sends it to the reviewers.
    page.check(f"input[name=_selected_action][value='{case.pk}']")
    page.select_option("select[name=action]", "send_to_review")
    page.click("button[name=index]")
    page.wait_for_selector(".messagelist .success:has-text('已提交审核')")
    case.refresh_from_db()
    assert case.status == Practice.Status.REVIEW
    assert ReviewComment.objects.filter(practice=case, action=ReviewComment.Action.SUBMIT).exists()

    visitor = new_page()
    response = visitor.goto(f"{site}/cases/{quote(case.slug)}/")
    assert response.status == 404
    assert TITLE not in visitor.content()
    assert csp_violations == []
