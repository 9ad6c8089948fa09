"""Issue 12's English real-news kinds (cv_real on en-wcep / en-krnews, session 17): a phone or in-person talk
reported as "speaks with"; a meeting scrapped, or a delegation not sent, is rejected (also when the sentence names
a hospital); a host verb with no guest after it ("receives confirmation", "welcomes assistance", "hosting an event")
is no meeting. The sentences are written for these tests in the style of news."""

from __future__ import annotations

import pytest

from detectors.contracts import Article
from detectors.learned.features import is_gated
from tests.unit.detectors.rule_stage import meeting_levels, meeting_statuses, rules_pipeline


def _meetings(text: str) -> list[str]:
    return meeting_statuses(text, "en")


@pytest.mark.parametrize("text", [
    "Blinken speaks with Netanyahu about the hostages",
    "Secretary of State Marco Rubio has spoken with Lebanese president Joseph Aoun about the border.",
    "French President Emmanuel Macron is speaking with Iranian President Masoud Pezeshkian by video.",
])
def test_speaks_with_is_a_meeting(text: str) -> None:
    assert "held" in _meetings(text)


@pytest.mark.parametrize("text", [
    "The foreign minister spoke to reporters after the vote in parliament.",
])
def test_speaking_to_reporters_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "Netanyahu scraps planned visit of Israeli delegation to Washington",
    "Israel says it will not send a delegation to the Cairo talks",
    "The United States announces that it will send no delegates to the G20 summit in Johannesburg.",
    "Jordan cancels summit with Biden after hospital blast",
])
def test_a_meeting_scrapped_or_not_attended_is_rejected(text: str) -> None:
    assert _meetings(text) == ["rejected"]


@pytest.mark.parametrize("text", [
    "The Lebanese government receives confirmation from the foreign minister about the deal with Israel.",
    "The Nigerian government says it welcomes assistance from the United States against the insurgents.",
    "Former prime minister Irakli Vashadze receives a five-year prison sentence for money laundering.",
    "A missile hit a training ground hosting a defence-industry event near Kyiv, officials said.",
    "The incumbent president, who received 33% of the vote, conceded defeat.",
])
def test_a_host_verb_without_a_guest_is_no_meeting(text: str) -> None:
    assert _meetings(text) == []


@pytest.mark.parametrize("text", [
    "The Lebanese government receives confirmation from the foreign minister about the new truce with Israel.",
    "Israel confirms that it received the remains of a soldier killed in Gaza after the ceasefire.",
])
def test_a_host_verb_without_a_guest_is_a_hard_gate_of_the_learned_stage(text: str) -> None:
    observed = rules_pipeline().observe_many([Article.create(text, language="en")])[0]
    hosts = [o.obs for o in observed if o.obs.type == "meeting" and o.obs.trigger.label == "host"]
    assert hosts and all(is_gated(obs) for obs in hosts)


@pytest.mark.parametrize("text", [
    "Egyptian President Abdel Fattah al-Sisi receives CIA chief William Burns in Cairo.",
    "The president welcomed his Kenyan counterpart to Abuja on Monday.",
    "The Kyrgyz prime minister received a mission of observers from the OSCE.",
    "Foreign Minister Lavrov was received by the Chinese president in Beijing.",
    "President Putin: Mr President, I want to cordially welcome you to Moscow.",
])
def test_a_host_verb_with_a_guest_stays_a_meeting(text: str) -> None:
    assert _meetings(text)


@pytest.mark.parametrize("text", [
    "President Biden welcomed on Tuesday Japanese Prime Minister Kishida at the White House.",
    "The emir of Qatar received yesterday a delegation of Hamas leaders in Doha.",
    "The Egyptian president gave a warm welcome on Sunday to the visiting Sudanese army chief in Cairo.",
])
def test_a_time_phrase_or_to_between_the_host_verb_and_its_guest_keeps_the_meeting(text: str) -> None:
    assert _meetings(text) == ["held"], text


@pytest.mark.parametrize("text", [
    # a leader's site visit meets no counterpart (issue 12's held-out kind)
    "French President Emmanuel Macron visited a factory in Dunkirk to promote his industrial plan.",
    "The prime minister visited a vaccination centre in Birmingham on Friday.",
    "The general visits the newly captured areas in the north alongside the regional governor.",
    "Defence Minister Yoav Gallant visited troops along the border fence on Thursday.",
    # travel senses that are no visit
    "The foreign ministry advises citizens against traveling to South Sudan amid the Ebola outbreak.",
    "The government will block its citizens from traveling to Uganda on commercial flights.",
    "Thai prime minister Anutin Charnvirakul orders the suspension of official trips for government officials.",
    # an armed encounter, and things that arrive
    "Seven militants, including a field commander of the rebel front, are killed in an encounter in Cotabato.",
    "The former supreme leader's remains arrived in Najaf on Sunday, state television said.",
])
def test_site_visits_travel_bans_and_armed_encounters_are_no_meetings(text: str) -> None:
    assert _meetings(text) == []


def test_an_envoy_called_in_is_a_meeting() -> None:
    assert _meetings("China lodged a protest and called in the Japanese envoy after the minister's remarks.") == [
        "held"]


@pytest.mark.parametrize("text", [
    # a headline without a final full stop, longer than 16 tokens: its "to"-infinitive still announces
    "Israel-Gaza live updates: Hamas to send a delegation to Cairo for hostage and cease-fire negotiations",
    "Live updates: Egypt's foreign minister to travel to Washington for talks on the Rafah crossing and aid",
])
def test_a_long_headline_with_a_to_infinitive_is_planned(text: str) -> None:
    assert _meetings(text) == ["planned"]


@pytest.mark.parametrize("text", [
    # the speaker who reports talks takes no part in them: a held meeting so reported is not high-level
    "U.S. president Donald Trump says that ceasefire negotiations are still ongoing.",
    "Mohsen Rezaee, the Iranian military advisor to the Supreme Leader, says that negotiations are in a deadlock.",
])
def test_a_high_speaker_reporting_talks_is_no_participant(text: str) -> None:
    assert meeting_levels(text, "en") == {"other"}


@pytest.mark.parametrize("text", [
    # a refusal or call is the speaker's own act; a leader named after the reporting word meets
    "Iranian foreign minister Abbas Araghchi says that Iran is not seeking negotiations with the United States.",
    "Putin said he met Erdogan in Ankara on Monday.",
    "Putin met Erdogan in Ankara on Monday, the Kremlin said.",
    # a leader known only by the names-only list (entities.json leaders) counts as extract counts them
    "U.S. president Donald Trump says that talks with Starmer are still ongoing.",
])
def test_a_speaker_who_calls_refuses_or_meets_keeps_the_level(text: str) -> None:
    assert meeting_levels(text, "en") == {"high"}


@pytest.mark.parametrize("text", [
    # a request for a visit denied, visas denied to those seeking meetings, talks not sought: rejected
    "A judge denies a request by the jailed former president to receive a visit from an American diplomat.",
    "Brazil denies visas to two U.S. officials seeking meetings in Brasilia.",
    "Iranian foreign minister Abbas Araghchi says that Iran is not seeking negotiations with the United States.",
    "The rebel commander said his group was not ready for talks with the government.",
])
def test_a_denied_request_or_talks_not_sought_are_rejected(text: str) -> None:
    assert _meetings(text) == ["rejected"]


@pytest.mark.parametrize("text", [
    "The result prompted the former prime minister to begin coalition talks with two smaller parties.",
    "EU leaders decided to open accession talks with Ukraine and Moldova.",
])
def test_talks_about_to_begin_are_planned(text: str) -> None:
    assert _meetings(text) == ["planned"]


def test_a_german_speaker_keeps_the_level_of_the_talks_she_reports() -> None:
    # English only (speaker_reports): German news so tells of the speaker's own talks
    text = "Bundeskanzlerin Angela Merkel sagte, die Gespräche mit der Regierung seien konstruktiv gewesen."
    assert meeting_levels(text, "de") == {"high"}


def test_a_president_confirming_talks_of_his_country_is_no_participant() -> None:
    text = "Cuban president Miguel Díaz-Canel confirms that Cuba is in talks with the U.S. on the oil blockade."
    assert meeting_levels(text, "en") == {"other"}


@pytest.mark.parametrize("text", [
    "Biden called Netanyahu on Sunday to discuss the hostages.",
    "Putin calls Zelensky before beginning of ceasefire in Donbas",
    "The Turkish president called his Russian counterpart Vladimir Putin.",
])
def test_a_leader_calling_a_named_leader_is_a_phone_call(text: str) -> None:
    assert _meetings(text) == ["held"]


@pytest.mark.parametrize("text", [
    "Biden called Putin a killer in an interview.",
    "A group called Hamas claimed the attack.",
    "Iran called the strike a hostile act.",
    "The minister called Netanyahu's plan dangerous.",
    "The so-called Islamic State claimed the attack.",
])
def test_calling_in_other_senses_is_no_phone_call(text: str) -> None:
    assert _meetings(text) == []


def test_a_train_derailment_rejects_no_visit() -> None:
    assert "rejected" not in _meetings("President Joe Biden visited Ohio a year after the train derailment.")


@pytest.mark.parametrize("text, status", [
    # a delegation or envoy sent is a visit; a headline's "to gather" announces
    ("Netanyahu says Israel will send a delegation to Doha", "planned"),
    ("Israel to send delegation to Qatar for hostage talks", "planned"),
    ("Egypt sent a delegation to Israel to discuss the truce.", "held"),
    ("Israel will not send a delegation to Cairo, Netanyahu said.", "rejected"),
    ("Arab leaders to gather in Cairo for emergency summit on Gaza", "planned"),
])
def test_a_delegation_sent_and_a_headline_gathering(text: str, status: str) -> None:
    assert _meetings(text) == [status]


@pytest.mark.parametrize("text, status", [
    ("Blinken and Bahraini crown prince discuss 6-week ceasefire as part of possible hostage deal", "held"),
    ("The two presidents will also discuss climate change and energy.", "planned"),
])
def test_leaders_who_discuss_meet(text: str, status: str) -> None:
    assert _meetings(text) == [status]


@pytest.mark.parametrize("text", [
    # the purpose of another meeting, and a speaker's agenda for the room, add no meeting of their own
    "Union leaders asked for a meeting with the cabinet chief to discuss the reforms.",
])
def test_to_discuss_adds_no_second_meeting(text: str) -> None:
    assert _meetings(text) == ["called_for"]


@pytest.mark.parametrize("text", [
    # business, church and party assemblies are no meeting (issue 12's held-out kinds)
    "Opposition leader Keir Starmer met business leaders in the City of London.",
    "The president was removed over undisclosed meetings with Chinese businessmen.",
    "The Pope met pilgrims in St Peter's Square after the Sunday prayer.",
    "Pope Leo met bishops from Latin America at the synod in Rome.",
    "The Spanish Episcopal Conference and the government agreed on compensation for abuse victims.",
    "Prime Minister Rishi Sunak addressed the Conservative party conference in Manchester.",
])
def test_business_church_and_party_assemblies_are_no_meetings(text: str) -> None:
    assert _meetings(text) == []


def test_a_charge_d_affaires_summoned_is_a_high_level_meeting() -> None:
    text = "The Iranian foreign ministry summons the Ukrainian chargé d'affaires in Tehran over the attack on a ship."
    assert _meetings(text) == ["held"] and meeting_levels(text, "en") == {"high"}
