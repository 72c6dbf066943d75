"""The services directory: pinned national numbers, topic and age filters, local files."""

from __future__ import annotations

import pytest

from demo.services import demo_local_yaml
from survey.signposting.services import (
    Contact,
    HelpTopic,
    Service,
    ServicesDirectory,
    ServicesError,
    dump_local,
    load_directory,
)

LOCAL_YAML = """\
services:
  - id: town_youth_hub
    name: Town Youth Hub
    description: Youth workers to talk to after school.
    topics: [bullying, knives_weapons]
    min_age: 11
    max_age: 18
    contacts:
      - {kind: phone, value: "01632 960111", label: Call}
    hours: Weekdays 3pm to 8pm
  - id: town_victim_care
    name: Town Victim Care
    description: Support after a crime.
    topics: [crime, knives_weapons, bullying]
    contacts:
      - {kind: web, value: "https://victimcare.example"}
"""


@pytest.fixture(scope="module")
def national():
    return load_directory()


@pytest.fixture(scope="module")
def with_local():
    return load_directory(LOCAL_YAML)


def _contacts(directory: ServicesDirectory, service_id: str) -> list[tuple[str, str]]:
    service = directory.get(service_id)
    assert service is not None, service_id
    return [(contact.kind, contact.value) for contact in service.contacts]


class TestNationalServices:
    """The numbers come from BRIEF.md; a change here must be checked against the service's own site."""

    def test_the_national_ids_are_exactly_these(self, national):
        assert [service.id for service in national.all()] == [
            "emergency", "police_non_emergency", "crimestoppers", "fearless", "missing_people", "childline",
            "ceop", "samaritans", "shout", "national_domestic_abuse_helpline", "nspcc",
        ]
        assert all(service.national for service in national.all())

    def test_emergency_numbers(self, national):
        contacts = _contacts(national, "emergency")
        assert ("phone", "999") in contacts
        assert ("textphone", "18000") in contacts
        assert ("phone", "999 then 55") in contacts
        assert national.get("emergency").urgent

    @pytest.mark.parametrize(
        ("service_id", "kind", "value"),
        [
            ("police_non_emergency", "phone", "101"),
            ("crimestoppers", "phone", "0800 555 111"),
            ("fearless", "web", "https://www.fearless.org/en/give-info-anonymously"),
            ("childline", "phone", "0800 1111"),
            ("childline", "web", "https://www.childline.org.uk"),
            ("samaritans", "phone", "116 123"),
            ("shout", "text", "SHOUT to 85258"),
            ("national_domestic_abuse_helpline", "phone", "0808 2000 247"),
            ("nspcc", "phone", "0808 800 5000"),
            ("missing_people", "phone", "116 000"),
            ("missing_people", "text", "116 000"),
            ("missing_people", "web", "https://www.missingpeople.org.uk"),
            ("ceop", "web", "https://www.ceop.police.uk/ceop-reporting/"),
        ],
    )
    def test_pinned_number(self, national, service_id, kind, value):
        assert (kind, value) in _contacts(national, service_id)

    def test_round_the_clock_services(self, national):
        for service_id in ("emergency", "samaritans", "national_domestic_abuse_helpline", "childline"):
            assert national.get(service_id).open_24_7, service_id

    def test_childline_is_for_under_19s(self, national):
        childline = national.get("childline")
        assert childline.suits_age(18)
        assert not childline.suits_age(19)

    def test_missing_people_is_not_said_to_be_open_all_night(self, national):
        # Its helpline hours changed in 2021; the page says to check their website rather than promise 24/7.
        assert not national.get("missing_people").open_24_7

    def test_ceop_says_it_is_not_anonymous(self, national):
        assert "not anonymous" in national.get("ceop").description

    @pytest.mark.parametrize(
        ("topic", "first_ids"),
        [
            (HelpTopic.MISSING, ["emergency", "missing_people", "childline"]),
            (HelpTopic.SEXUAL_EXPLOITATION, ["emergency", "childline", "ceop", "nspcc"]),
        ],
    )
    def test_new_topics_list_999_first_then_the_right_help(self, national, topic, first_ids):
        assert [service.id for service in national.for_topic(topic)] == first_ids

    def test_only_emergency_is_urgent(self, national):
        assert [service.id for service in national.all() if service.urgent] == ["emergency"]


class TestForTopic:
    def test_mental_health_gets_samaritans_shout_and_childline(self, with_local):
        ids = [service.id for service in with_local.for_topic(HelpTopic.MENTAL_HEALTH)]
        assert ids[0] == "emergency"
        assert {"samaritans", "shout", "childline"} <= set(ids)

    def test_emergency_is_not_repeated_for_non_urgent_topics(self, with_local):
        for topic in (HelpTopic.BULLYING, HelpTopic.ANTISOCIAL_BEHAVIOUR, HelpTopic.DRUGS_ALCOHOL):
            assert "emergency" not in [service.id for service in with_local.for_topic(topic)]

    def test_urgent_topic_lists_national_before_local(self, with_local):
        ids = [service.id for service in with_local.for_topic(HelpTopic.KNIVES_WEAPONS)]
        assert ids[0] == "emergency"
        assert ids.index("fearless") < ids.index("town_youth_hub") < ids.index("town_victim_care")

    def test_other_topic_lists_local_before_national(self, with_local):
        ids = [service.id for service in with_local.for_topic(HelpTopic.BULLYING)]
        assert ids[:2] == ["town_youth_hub", "town_victim_care"]
        assert "childline" in ids[2:]

    def test_age_filter_drops_services_for_other_ages(self, with_local):
        adult = [service.id for service in with_local.for_topic(HelpTopic.BULLYING, age=30)]
        assert "town_youth_hub" not in adult
        assert "childline" not in adult
        young = [service.id for service in with_local.for_topic(HelpTopic.BULLYING, age=14)]
        assert {"town_youth_hub", "childline"} <= set(young)

    def test_unknown_age_means_no_filter(self, with_local):
        ids = [service.id for service in with_local.for_topic(HelpTopic.HOME_ABUSE)]
        assert {"childline", "nspcc"} <= set(ids)

    def test_topic_may_be_given_as_its_string(self, with_local):
        by_name = with_local.for_topic("home_abuse", age=15)
        assert by_name == with_local.for_topic(HelpTopic.HOME_ABUSE, age=15)
        assert "nspcc" not in [service.id for service in with_local.for_topic("home_abuse", age=15)]

    def test_every_topic_has_a_label_and_something_else_is_last(self, with_local):
        topics = with_local.topics()
        assert topics[-1] is HelpTopic.SOMETHING_ELSE
        assert all(topic.label and topic.label[0].isupper() for topic in HelpTopic)
        assert HelpTopic.HOME_ABUSE.label == "Something at home"

    def test_get_unknown_id_is_none(self, with_local):
        assert with_local.get("nope") is None


class TestLocalFile:
    def test_demo_file_loads_and_uses_drama_numbers(self):
        directory = load_directory(demo_local_yaml(), source_name="services-local-demo.yaml")
        local = directory.local()
        assert len(local) >= 6
        for service in local:
            assert not service.national
            for contact in service.contacts:
                if contact.kind == "phone":
                    assert contact.value.startswith("01632 960"), service.id

    def test_blank_local_file_means_national_only(self):
        assert load_directory("").local() == []
        assert load_directory(None).local() == []

    def test_dump_and_load_round_trip_is_identical(self):
        directory = load_directory(demo_local_yaml())
        reloaded = load_directory(dump_local(directory.local()))
        assert reloaded.local() == directory.local()
        assert dump_local(reloaded.local()) == dump_local(directory.local())

    def test_reusing_a_national_id_is_refused(self):
        text = LOCAL_YAML.replace("town_youth_hub", "childline")
        with pytest.raises(ServicesError, match="'childline' is already a national service"):
            load_directory(text, source_name="demo.yaml")

    def test_error_names_file_line_service_and_field(self):
        text = LOCAL_YAML.replace("topics: [crime, knives_weapons, bullying]", "topics: [crime, knifes]")
        with pytest.raises(ServicesError) as error:
            load_directory(text, source_name="demo.yaml")
        message = str(error.value)
        assert message.startswith("demo.yaml, line 14 (service 'town_victim_care'): topics")
        assert "(you gave 'knifes')" in message

    def test_missing_contacts_is_explained(self):
        text = "services:\n  - {id: x, name: X, description: Y, topics: [hate], contacts: []}\n"
        with pytest.raises(ServicesError, match=r"local services, line 2 \(service 'x'\): contacts"):
            load_directory(text)

    def test_ages_the_wrong_way_round_are_refused(self):
        text = LOCAL_YAML.replace("min_age: 11", "min_age: 19")
        with pytest.raises(ServicesError, match="min_age 19 is more than max_age 18"):
            load_directory(text)

    def test_unknown_field_is_refused(self):
        text = LOCAL_YAML.replace("hours: Weekdays 3pm to 8pm", "opening: Weekdays")
        with pytest.raises(ServicesError, match="opening"):
            load_directory(text)

    def test_duplicate_local_id_is_refused(self):
        text = LOCAL_YAML.replace("town_victim_care", "town_youth_hub")
        with pytest.raises(ServicesError, match="line 11: service id 'town_youth_hub' is used twice"):
            load_directory(text)

    def test_broken_yaml_gives_the_line(self):
        # The parser notices the unclosed bracket where the text ends, on line 4.
        with pytest.raises(ServicesError, match=r"demo.yaml, line 4: not valid YAML"):
            load_directory("services:\n  - id: a\n    name: [unclosed\n", source_name="demo.yaml")

    def test_a_key_given_twice_is_refused(self):
        text = LOCAL_YAML.replace("hours: Weekdays 3pm to 8pm", "hours: Weekdays\n    hours: Weekends")
        with pytest.raises(ServicesError, match="demo.yaml, line 11: not valid YAML"):
            load_directory(text, source_name="demo.yaml")

    def test_wrong_top_level_shape(self):
        with pytest.raises(ServicesError, match="expected a 'services:' list"):
            load_directory("- id: a\n")

    def test_web_contact_must_be_a_link(self):
        with pytest.raises(ValueError, match="https://"):
            Contact(kind="web", value="fearless.org")


class TestServiceWording:
    def test_contacts_in_words(self):
        service = Service(
            id="s", name="S", description="d", topics={HelpTopic.HATE},
            contacts=[Contact(kind="text", value="SHOUT to 85258"), Contact(kind="phone", value="101")],
        )
        assert service.contact_in_words() == "text SHOUT to 85258 or call 101"
