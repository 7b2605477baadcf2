"""What people do in the browser tests: a facilitator signs in, a participant joins."""

from playwright.sync_api import expect


def sign_in(page):
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill("facilitator")
    page.get_by_label("Password").fill("charter-room-demo")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your workshops")).to_be_visible()


def join(page, code: str, name: str, delegation: str):
    page.goto("/join")
    page.get_by_label("Join code").fill(code)
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Your name in the room").fill(name)
    page.locator("label.delegation-choice", has_text=delegation).click()
    page.get_by_role("button", name="Take my seat").click()
    expect(page.locator(".delegation-badge")).to_contain_text(f"{name} · {delegation}")
