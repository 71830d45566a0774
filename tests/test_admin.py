import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from practices.models import Practice, ReviewComment
from tests import factories

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:practices_practice_add")
INLINES = ("images", "key_figures", "sources")


def form_data(theme, region, **overrides):
    """A complete admin add-form POST with empty inline formsets."""
    data = {
        "title": "东盛路派出所红扁担服务队",
        "slug": "",
        "summary": "网格员和民警组成服务队，走村入户、在线直播答疑。",
        "background": "问题所在。",
        "approach": "第一段。\n\n第二段。",
        "theme": theme.pk,
        "region": region.pk,
        "institution": "",
        "tags": "枫桥经验，调解、网格;直播",
        "started_on": "2023-11-01",
        "started_precision": "month",
        "status": "draft",
        "published_at": "",
        "title_en": "",
        "summary_en": "",
    }
    for prefix in INLINES:
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | overrides


def with_image(data, n, **fields):
    data[f"images-{n}-image"] = factories.upload(f"p{n}.jpg")
    data[f"images-{n}-alt_text"] = fields.get("alt_text", "派出所民警在社区")
    data[f"images-{n}-caption"] = "说明"
    data[f"images-{n}-licence"] = "permission"
    data[f"images-{n}-order"] = str(n)
    if fields.get("is_cover"):
        data[f"images-{n}-is_cover"] = "on"
    data["images-TOTAL_FORMS"] = str(n + 1)
    return data


@pytest.fixture
def place():
    return factories.theme(), factories.region("220105", "二道区")


def test_editor_creates_a_draft_with_chinese_tags_images_figures_and_sources(client, place):
    editor = factories.editor()
    client.force_login(editor)
    data = with_image(form_data(*place), 0, is_cover=True)
    data |= {
        "key_figures-TOTAL_FORMS": "1",
        "key_figures-0-label": "办结率",
        "key_figures-0-label_en": "Cases closed",
        "key_figures-0-value": "99.84",
        "key_figures-0-unit": "%",
        "key_figures-0-as_of": "2024-08-30",
        "key_figures-0-note": "运行以来",
        "key_figures-0-note_en": "Since it opened",
        "key_figures-0-order": "0",
        "sources-TOTAL_FORMS": "1",
        "sources-0-title": "吉林行采访活动掠影",
        "sources-0-author": "张倩",
        "sources-0-order": "0",
    }
    response = client.post(ADD_URL, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    case = Practice.objects.get()
    assert case.slug == "东盛路派出所红扁担服务队"
    assert sorted(case.tags.names()) == sorted(["枫桥经验", "调解", "网格", "直播"])
    assert case.images.get().is_cover
    figure = case.key_figures.get()
    assert (figure.value_display, figure.label_en, figure.note_en) == ("99.84", "Cases closed", "Since it opened")
    assert case.sources.get().author == "张倩"
    assert case.created_by == editor and case.updated_by == editor


def test_editor_cannot_publish_even_by_posting_the_status(client, place):
    client.force_login(factories.editor())
    response = client.post(ADD_URL, form_data(*place, status="published"))
    assert response.status_code == 200
    assert "只有审核人可以发布" in response.content.decode()
    assert not Practice.objects.exists()


def test_reviewer_can_publish(client, place):
    client.force_login(factories.reviewer())
    response = client.post(ADD_URL, form_data(*place, status="published"))
    assert response.status_code == 302
    assert Practice.objects.published().count() == 1


def test_editor_sees_published_case_read_only(client):
    case = factories.practice()
    client.force_login(factories.editor())
    url = reverse("admin:practices_practice_change", args=[case.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="title"' not in page.content.decode()
    response = client.post(url, {"title": "改掉"})
    assert response.status_code == 403
    case.refresh_from_db()
    assert case.title != "改掉"


def test_over_long_tag_is_a_form_error_and_keeps_the_input(client, place):
    client.force_login(factories.editor())
    long_tag = "长" * 101
    response = client.post(ADD_URL, form_data(*place, tags=f"调解，{long_tag}"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "标签不能超过 100 个字符" in html
    assert "东盛路派出所红扁担服务队" in html  # the title typed is still in the form
    assert not Practice.objects.exists()


def test_two_covers_are_refused_with_a_message(client, place):
    client.force_login(factories.editor())
    data = with_image(with_image(form_data(*place), 0, is_cover=True), 1, is_cover=True)
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "每个案例只能有一张封面图" in response.content.decode()
    assert not Practice.objects.exists()


def test_image_without_alt_text_is_refused(client, place):
    client.force_login(factories.editor())
    response = client.post(ADD_URL, with_image(form_data(*place), 0, alt_text=""))
    assert response.status_code == 200
    assert not Practice.objects.exists()


def test_publish_action_needs_the_permission(client):
    draft = factories.practice(status=Practice.Status.REVIEW)
    changelist = reverse("admin:practices_practice_changelist")
    client.force_login(factories.editor())
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Practice.Status.REVIEW

    client.force_login(factories.reviewer())
    client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Practice.Status.PUBLISHED
    assert ReviewComment.objects.filter(practice=draft, action="publish").exists()


def test_send_to_review_and_unpublish_actions(client):
    draft = factories.practice(status=Practice.Status.DRAFT)
    changelist = reverse("admin:practices_practice_changelist")
    client.force_login(factories.editor())
    client.post(changelist, {"action": "send_to_review", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Practice.Status.REVIEW

    public = factories.practice()
    client.force_login(factories.reviewer())
    client.post(changelist, {"action": "unpublish", "_selected_action": [public.pk]})
    public.refresh_from_db()
    assert public.status == Practice.Status.DRAFT


def test_preview_of_a_draft_is_for_staff_only(client):
    draft = factories.practice(status=Practice.Status.DRAFT, title="尚未发布的案例")
    url = draft.get_preview_url()
    assert client.get(url).status_code == 302  # to the admin login
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(factories.editor())
    page = client.get(url)
    assert page.status_code == 200
    assert "尚未发布的案例" in page.content.decode()
    assert "预览" in page.content.decode()


def test_changelist_filters_by_tag_and_searches_titles(client):
    tagged = factories.practice(title="巡回法庭", tags=["道交纠纷"])
    factories.practice(title="别的案例")
    client.force_login(factories.reviewer())
    changelist = reverse("admin:practices_practice_changelist")
    by_tag = client.get(changelist, {"tag": "道交纠纷"})
    assert list(by_tag.context["cl"].result_list) == [tagged]
    by_search = client.get(changelist, {"q": "巡回"})
    assert list(by_search.context["cl"].result_list) == [tagged]


def test_roles_exist_with_the_right_permissions():
    editor, reviewer = factories.editor(), factories.reviewer()
    assert editor.has_perm("practices.change_practice")
    assert not editor.has_perm("practices.publish_practice")
    assert not editor.has_perm("practices.delete_practice")
    assert reviewer.has_perm("practices.publish_practice")
    assert reviewer.has_perm("practices.delete_practice")


def test_case_list_offers_import_and_recovering_deleted_cases(client):
    client.force_login(factories.reviewer())
    page = client.get(reverse("admin:practices_practice_changelist")).content.decode()
    assert reverse("admin:practices_practice_import") in page
    assert reverse("admin:practices_practice_recoverlist") in page


def status_options(html):
    select = html.split('name="status"', 1)[1].split("</select>", 1)[0]
    return re.findall(r'<option value="(\w+)"', select)


def test_the_status_menu_offers_each_role_only_the_steps_it_may_take(client, place):
    client.force_login(factories.editor())
    assert status_options(client.get(ADD_URL).content.decode()) == ["draft", "review"]
    client.force_login(factories.reviewer())
    assert status_options(client.get(ADD_URL).content.decode()) == ["draft", "review", "published", "archived"]


def test_key_figures_show_their_numbers_as_stated_in_the_form(client):
    case = factories.practice()
    factories.key_figure(case, label="服务群众", value="126", baseline_value="99.8400")
    client.force_login(factories.reviewer())
    html = client.get(reverse("admin:practices_practice_change", args=[case.pk])).content.decode()
    assert 'name="key_figures-0-value" value="126"' in html
    assert 'name="key_figures-0-baseline_value" value="99.84"' in html
    assert "126.0000" not in html


def test_login_records_are_for_superusers_only_and_named_in_chinese(client):
    client.force_login(factories.reviewer())
    index = client.get(reverse("admin:index")).content.decode()
    assert "axes" not in index.lower() and "Access attempts" not in index
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
    admin = User.objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(admin)
    index = client.get(reverse("admin:index")).content.decode()
    assert "登录保护" in index and "访问尝试" in index and "访问日志" in index
    assert "Access attempts" not in index and not re.search(r">\s*Axes\s*<", index, re.IGNORECASE)
    assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 200


def test_a_tag_gets_its_english_name_in_the_admin(client):
    case = factories.practice(tags=["枫桥经验"])
    tag = case.tags.get()
    client.force_login(User.objects.create_superuser("root", "root@example.org", "pw"))
    url = reverse("admin:taggit_tag_change", args=[tag.pk])
    assert "英文名称" in client.get(url).content.decode()
    data = {
        "name": "枫桥经验",
        "slug": tag.slug,
        "english_name-TOTAL_FORMS": "1",
        "english_name-INITIAL_FORMS": "0",
        "english_name-0-name": "Fengqiao Experience",
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    tag.refresh_from_db()
    assert tag.english_name.name == "Fengqiao Experience"
