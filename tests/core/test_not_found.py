from django.urls import reverse


def test_a_mistyped_address_gets_a_page_with_a_way_back(client, db):
    response = client.get("/w/NOPE99/nothing-here/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "This page does not exist" in page
    assert reverse("workshops:join") in page


def test_an_unknown_workshop_is_a_404_with_the_same_page(client, db):
    response = client.get(reverse("workshops:room", args=["ZZZ999"]))
    assert response.status_code == 404


def test_pages_carry_an_offline_favicon(client, db):
    page = client.get(reverse("workshops:join")).content.decode()
    assert 'rel="icon"' in page and "favicon.svg" in page
