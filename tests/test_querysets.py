import pytest
from django.utils import timezone

from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_review_archived_and_scheduled():
    public = factories.practice()
    factories.practice(status=Practice.Status.DRAFT)
    factories.practice(status=Practice.Status.REVIEW)
    factories.practice(status=Practice.Status.ARCHIVED, published_at=timezone.now())
    factories.practice(published_at=timezone.now() + timezone.timedelta(days=1))
    assert list(Practice.objects.published()) == [public]


def test_for_region_includes_sub_regions():
    jilin = factories.region("220000", "吉林省")
    changchun = factories.region("220100", "长春市", jilin)
    erdao = factories.region("220105", "二道区", changchun)
    baishan = factories.region("220600", "白山市", jilin)
    in_erdao = factories.practice(region=erdao)
    in_changchun = factories.practice(region=changchun)
    in_baishan = factories.practice(region=baishan)
    assert set(Practice.objects.published().for_region(changchun)) == {in_erdao, in_changchun}
    assert set(Practice.objects.published().for_region(jilin)) == {in_erdao, in_changchun, in_baishan}


def test_for_tags_requires_every_tag():
    both = factories.practice(tags=["枫桥经验", "调解"])
    factories.practice(tags=["枫桥经验"])
    tags = list(both.tags.all())
    assert list(Practice.objects.published().for_tags(tags)) == [both]


def test_unicode_tags_get_unicode_slugs():
    case = factories.practice(tags=["枫桥经验"])
    assert case.tags.get().slug == "枫桥经验"


def test_tags_are_case_insensitive():
    first = factories.practice(tags=["Fengqiao"])
    second = factories.practice(tags=["fengqiao"])
    assert first.tags.get() == second.tags.get()


def test_cover_images_hide_unconsented_pictures_of_people():
    case = factories.practice()
    factories.practice_image(case, is_cover=True, shows_identifiable_people=True)
    listed = Practice.objects.published().with_list_related().get()
    assert listed.cover_images == []
    case.images.update(consent_confirmed_at=timezone.now())
    listed = Practice.objects.published().with_list_related().get()
    assert len(listed.cover_images) == 1
