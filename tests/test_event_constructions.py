"""Constructions news uses (issue 11, item 3), one rule over the parse each.

Real news phrasing; several sentences must yield no event at all. Types follow
../shared/design/ANNOTATION.md "Conventions" (signing a deal is AGREE, a
warning THREATEN, an evaluation ACCUSE, lifting sanctions CONCEDE ...)."""

from __future__ import annotations

import pytest


def types(rec, real_only=False):
    return sorted({e.type for e in rec.events if not real_only or e.status in ("happened", "ongoing")})


def typed(rec, type_):
    return [e for e in rec.events if e.type == type_]


@pytest.mark.parametrize("text, type_, trigger", [
    # agreements reached or signed: AGREE (the light verb gives way to the noun)
    ("Russia and Ukraine signed an agreement in Istanbul on Friday.", "AGREE", "agreement"),
    ("The two sides reached a ceasefire on Monday after weeks of talks in Doha.", "AGREE", "ceasefire"),
    # speech acts of the speaker
    ("Iran warned it would retaliate against Israel.", "THREATEN", "warned"),
    ("Germany promised to send more air defense systems to Ukraine.", "AGREE", "promised"),
    ("The government blamed the opposition for the violence.", "ACCUSE", "blamed"),
    # evaluative statements
    ("The minister called the verdict unjust.", "ACCUSE", "called"),
    ("China dismissed the report as propaganda.", "ACCUSE", "dismissed"),
    ("The senator was critical of the plan.", "ACCUSE", "critical"),
    ("France expressed concern over the arrests of opposition leaders.", "ACCUSE", "expressed"),
    # reversal verbs on event nouns
    ("The European Union lifted sanctions on Belarus.", "CONCEDE", "lifted"),
    ("The United States halted military aid to Egypt.", "SANCTION", "halted"),
    # senses by the kind of object
    ("Japan imposed a ban on imports of Chinese seafood.", "SANCTION", "ban"),
    ("The Taliban barred the U.N. envoy from entering the country.", "REJECT", "barred"),
    # light verbs and nominal triggers from the broad tables
    ("The two presidents held talks in Beijing on Tuesday.", "CONSULT", "talks"),
    ("Police arrested three journalists in Phnom Penh.", "COERCE", "arrested"),
])
def test_construction_types(extract, text, type_, trigger):
    rec = extract(text, "2024-05-10")
    found = typed(rec, type_)
    assert found, [(e.type, e.trigger.text) for e in rec.events]
    assert any(e.trigger.text == trigger for e in found), [(e.type, e.trigger.text) for e in found]


def test_signing_an_agreement_is_not_a_separate_support(extract):
    rec = extract("Russia and Ukraine signed an agreement in Istanbul on Friday.", "2024-05-10")
    assert "SUPPORT" not in types(rec)


def test_lifted_sanctions_are_not_new_sanctions(extract):
    rec = extract("The European Union lifted sanctions on Belarus.", "2024-05-10")
    assert types(rec) == ["CONCEDE"]


def test_ban_on_a_group_is_coerce(extract):
    rec = extract("Bangladesh banned the party Jamaat-e-Islami on Thursday.", "2024-08-02")
    assert "COERCE" in types(rec) and "SANCTION" not in types(rec)


@pytest.mark.parametrize("text", [
    # disasters, accidents and disease are no political events
    "Twelve people were killed in a flood in northern Kenya.",
    "An explosion at a chemical factory injured 30 workers.",
    "Dozens of people were injured in a bus crash near the capital.",
    "The earthquake killed more than 2,000 people in western Afghanistan.",
    # figurative senses
    "Activists are still fighting for their rights.",
    # a passive label without a speaker is no accusation
    "Negotiating with armed groups is considered a crime under these laws.",
])
def test_not_political_events(extract, text):
    rec = extract(text, "2024-05-10")
    assert not [e for e in rec.events if e.type in ("ASSAULT", "COERCE", "ACCUSE")], \
        [(e.type, e.trigger.text) for e in rec.events]


def test_adjectival_participle_is_no_event(extract):
    rec = extract("Members of the banned group gathered in the capital.", "2024-05-10")
    assert not typed(rec, "COERCE"), [(e.type, e.trigger.text) for e in rec.events]


def test_violent_blast_stays_an_assault(extract):
    rec = extract("A suicide bomber killed 14 people at a market in Mogadishu on Sunday.", "2024-05-10")
    assert typed(rec, "ASSAULT")


def test_object_lists_match_lemmas():
    """'troops' in a table and the lemma 'troop' in a parse are the same word."""
    from dateline.events.lexicon import lemma_forms, triggers

    assert "troop" in lemma_forms("troops") and "supply" in lemma_forms("supplies")
    send = [e for e in triggers()["send"] if e.type == "MOBILIZE"]
    assert send and "troop" in send[0].needs


def test_generated_tables_are_read_after_the_hand_table():
    from dateline.events.lexicon import triggers

    arrest = triggers()["arrest"]
    assert arrest[0].notes == "" or "CAMEO" not in arrest[0].notes  # the hand row first
    assert any("CAMEO" in e.notes or "PropBank" in e.notes for es in triggers().values() for e in es)


def test_override_folder_replaces_one_file(tmp_path, monkeypatch):
    from dateline.events import lexicon

    (tmp_path / "constructions.json").write_text('{"agree_nouns": ["armistice"]}', encoding="utf-8")
    monkeypatch.setenv("DATELINE_EVENTS_OVERRIDE", str(tmp_path))
    assert lexicon.resource("constructions.json") == tmp_path / "constructions.json"
    assert lexicon.resource("triggers.tsv").name == "triggers.tsv" and lexicon.resource("triggers.tsv").parent != tmp_path


@pytest.mark.parametrize("text, type_, trigger", [
    # a speaker's reported judgement of a state of affairs
    ('"The incarcerations of opposition leaders are a deep concern," he said.', "ACCUSE", "concern"),
    # an actor's own refusal of a cooperative act is REJECT, and it happened
    ("The Nigerian army does not allow humanitarian agencies to go to these areas.", "REJECT", "allow"),
    # people protesting are PROTEST; a state protesting a decision is ACCUSE
    ("Thousands of Sudanese began protesting late last year.", "PROTEST", "protesting"),
    ("China protested the decision, the foreign ministry said.", "ACCUSE", "protested"),
])
def test_statement_constructions(extract, text, type_, trigger):
    rec = extract(text, "2024-05-10")
    found = [e for e in typed(rec, type_) if e.trigger.text == trigger]
    assert found, [(e.type, e.trigger.text, e.status) for e in rec.events]
    assert found[0].status == "happened"


def test_neutral_reported_statement_is_no_event(extract):
    rec = extract("He said the weather was good.", "2024-05-10")
    assert rec.events == []


def test_ban_on_people_travelling_is_coerce(extract):
    rec = extract("Kenyan authorities have banned civilians from traveling without an escort.", "2024-05-10")
    assert "COERCE" in types(rec) and "REJECT" not in types(rec)


# copular constructions: an event noun reported by 'be' (detect.copular_state)
@pytest.mark.parametrize("text, type_, trigger, status", [
    ("Their second summit was in February 2019 in Hanoi.", "CONSULT", "summit", "happened"),
    ("The journalist had been in pretrial detention since September 30.", "COERCE", "detention", "happened"),
    ("Topuz is on trial on espionage charges.", "ACCUSE", "trial", "ongoing"),
    ("Several senior party members are also in jail.", "COERCE", "jail", "ongoing"),
    ("The opposition leader remains in police custody.", "COERCE", "custody", "ongoing"),
])
def test_copular_event_nouns(extract, text, type_, trigger, status):
    rec = extract(text, "2024-05-10")
    found = [e for e in typed(rec, type_) if e.trigger.text == trigger]
    assert found, [(e.type, e.trigger.text) for e in rec.events]
    assert found[0].status == status


@pytest.mark.parametrize("text", [
    "The summit is a chance to reset ties.",  # a predicate, not a place or a time
    "The prison is in the north of the country.",  # a building, not someone held
    "He died in prison in 2019.",  # not a copula
])
def test_copular_non_events(extract, text):
    rec = extract(text, "2024-05-10")
    assert not rec.events, [(e.type, e.trigger.text) for e in rec.events]


def test_perfect_participle_the_parser_broke_is_an_event(extract):
    # the small model reads 'since' as a preposition and 'banned' as an adjective of 'civilians'
    rec = extract("Kenyan authorities have since banned civilians from traveling with security.", "2024-05-10")
    assert [e.trigger.text for e in typed(rec, "COERCE")] == ["banned"]


def test_adjectival_participle_stays_no_event(extract):
    rec = extract("Members of the banned group met in Nairobi.", "2024-05-10")
    assert "COERCE" not in types(rec)


# requests: a verb of telling or pressing with an infinitive complement is REQUEST
@pytest.mark.parametrize("text, trigger", [
    ("The governor told city council members to draft regulations on the sale of dog meat.", "told"),
    ("Chinese officials traveled to Berlin to lobby the EU to abandon the tariffs.", "lobby"),
    ("The president instructed the army to seal the border areas.", "instructed"),
])
def test_tell_to_do_is_request(extract, text, trigger):
    rec = extract(text, "2024-05-10")
    assert [e.trigger.text for e in typed(rec, "REQUEST")] == [trigger], [(e.type, e.trigger.text) for e in rec.events]


def test_telling_reporters_is_no_request(extract):
    rec = extract("The minister told reporters that the economy had grown.", "2024-05-10")
    assert "REQUEST" not in types(rec)


def test_fronted_time_phrase_is_not_the_requests_content(extract):
    rec = extract("The governor, after a meeting earlier this month with representatives from Dog Meat Free "
                  "Indonesia, told city council members to draft regulations.", "2024-05-10")
    assert {"CONSULT", "REQUEST"} <= set(types(rec)), [(e.type, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("text, type_, trigger", [
    ("The EU still has a ban in place for leisure travel from the U.S.", "COERCE", "ban"),
    ("The curfew remains in force in the capital.", "COERCE", "curfew"),
])
def test_in_place_is_an_ongoing_state(extract, text, type_, trigger):
    rec = extract(text, "2024-05-10")
    found = [e for e in typed(rec, type_) if e.trigger.text == trigger]
    assert found and found[0].status == "ongoing", [(e.type, e.trigger.text, e.status) for e in rec.events]


def test_a_place_noun_in_place_is_no_event(extract):
    rec = extract("The new rules are in place for the election.", "2024-05-10")
    assert not rec.events, [(e.type, e.trigger.text) for e in rec.events]


def test_met_with_opposition_is_a_reaction_not_a_meeting(extract):
    rec = extract("The submission met with opposition from China's U.N. mission.", "2024-05-10")
    assert types(rec) == ["ACCUSE"], [(e.type, e.trigger.text) for e in rec.events]
    rec = extract("The plan was met with criticism from rights groups.", "2024-05-10")
    assert [(e.type, e.trigger.text) for e in rec.events] == [("ACCUSE", "criticism")]


def test_meeting_people_stays_consult(extract):
    rec = extract("Putin met with Erdogan in Sochi on Monday.", "2024-05-10")
    assert types(rec) == ["CONSULT"]


def test_proposing_to_act_oneself_is_an_offer(extract):
    rec = extract("The Chinese side proposed to set a minimum import price.", "2024-05-10")
    assert types(rec) == ["AGREE"], [(e.type, e.trigger.text) for e in rec.events]
    rec = extract("The Chinese side proposed that the EU set a minimum import price.", "2024-05-10")
    assert types(rec) == ["REQUEST"], [(e.type, e.trigger.text) for e in rec.events]


def test_lobbying_with_a_purpose_clause_is_request(extract):
    rec = extract("The minister met officials in Germany and Italy to lobby the EU to abandon the tariffs.", "2024-05-10")
    assert "REQUEST" in types(rec) and "CONCEDE" not in types(rec), [(e.type, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("text, type_, trigger", [
    # partitive objects of reversal verbs
    ("The government has begun relaxing some of its pandemic restrictions.", "CONCEDE", "relaxing"),
    ("The EU lifted most of the sanctions on Belarus.", "CONCEDE", "lifted"),
    # an event noun compounded into its own rise
    ("The European Union is set to vote Friday on a massive tariff increase on Chinese electric vehicles.", "SANCTION", "tariff"),
    ("Washington announced 100% tariff hikes on Chinese EV imports.", "SANCTION", "tariff"),
    ("Italy imposed a stringent lockdown over Easter.", "COERCE", "lockdown"),
])
def test_partitives_and_rises(extract, text, type_, trigger):
    rec = extract(text, "2024-05-10")
    assert any(e.trigger.text == trigger for e in typed(rec, type_)), [(e.type, e.trigger.text) for e in rec.events]


def test_imposing_some_restrictions_stays_coerce(extract):
    rec = extract("The government imposed some of the restrictions.", "2024-05-10")
    assert types(rec) == ["COERCE"], [(e.type, e.trigger.text) for e in rec.events]


def test_a_price_increase_is_no_event(extract):
    rec = extract("The price increase angered consumers.", "2024-05-10")
    assert not rec.events, [(e.type, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("text", [
    "Earlier this month, Iberdrola announced it would phase out its last two coal plants.",
    "He announced this week that the country's National Examination would be revamped as a new assessment.",
])
def test_announced_commitment_is_agree(extract, text):
    rec = extract(text, "2024-05-10")
    assert [e.trigger.text for e in typed(rec, "AGREE")] == ["announced"], [(e.type, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("text", [
    "The bank announced the economy would grow by 3% next year.",  # a forecast, not a commitment
    "Iran announced it would attack Israel.",  # the announced act keeps its own type
])
def test_announcement_that_is_no_commitment(extract, text):
    rec = extract(text, "2024-05-10")
    assert "AGREE" not in types(rec), [(e.type, e.trigger.text) for e in rec.events]


def test_court_ruling_is_sanction(extract):
    rec = extract("Kenya's High Court ruled in early 2017 that closing the camp would be unconstitutional.", "2024-05-10")
    assert [e.trigger.text for e in typed(rec, "SANCTION")] == ["ruled"], [(e.type, e.trigger.text) for e in rec.events]


def test_a_judge_ordering_someone_to_appear_stays_request(extract):
    rec = extract("An Argentine judge has ordered former president Carlos Menem to appear October 16 for questioning.", "2024-05-10")
    assert "SANCTION" not in types(rec) and "REQUEST" in types(rec), [(e.type, e.trigger.text) for e in rec.events]


def test_ruling_out_is_no_court_ruling(extract):
    rec = extract("The party ruled out a coalition with the nationalists.", "2024-05-10")
    assert "SANCTION" not in types(rec)


@pytest.mark.parametrize("text", [
    "It’s time to stop Israel’s heinous and cruel attacks.",
    "It is time for Russia to withdraw its troops.",
])
def test_it_is_time_to_act_is_request(extract, text):
    rec = extract(text, "2024-05-10")
    assert [e.trigger.text for e in typed(rec, "REQUEST")] == ["time"], [(e.type, e.trigger.text) for e in rec.events]
    assert "RETREAT" not in types(rec)  # the act called for is the request's content


def test_it_is_time_for_no_political_act(extract):
    rec = extract("It was time to go home.", "2024-05-10")
    assert not rec.events


def test_not_allowed_to_leave_is_an_ongoing_restriction(extract):
    rec = extract("The journalist is not allowed to leave the country.", "2024-05-10")
    assert [(e.type, e.status) for e in rec.events] == [("COERCE", "ongoing")]


def test_allowed_to_enter_stays_a_concession(extract):
    rec = extract("Aid workers are allowed to enter the camp.", "2024-05-10")
    assert "COERCE" not in types(rec)


def test_anothers_request_survives_its_rejection(extract):
    rec = extract("The court rejected Kenya's request to brief it before the start of Monday's opening.", "2024-05-10")
    assert {"REJECT", "REQUEST"} <= set(types(rec)), [(e.type, e.trigger.text) for e in rec.events]


def test_a_request_without_its_maker_stays_content(extract):
    rec = extract("The court rejected the request.", "2024-05-10")
    assert types(rec) == ["REJECT"], [(e.type, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("text", [
    "Mosques across Turkey broadcast prayers Monday in support of Palestinians.",
    "Germany expressed support for Ukraine on Monday.",
])
def test_support_noun(extract, text):
    rec = extract(text, "2024-05-10")
    assert [e.trigger.text for e in typed(rec, "SUPPORT")] == ["support"], [(e.type, e.trigger.text) for e in rec.events]


def test_support_as_a_reason_is_no_event(extract):
    rec = extract("Clinton imposed sanctions on the Taliban for its support of Osama bin Laden.", "2024-05-10")
    assert "SUPPORT" not in types(rec)


@pytest.mark.parametrize("text, type_, trigger", [
    ("So, Mbewe took the school to court and won.", "ACCUSE", "took"),
    ("Members of parliament from the opposition are being kicked out of their country.", "COERCE", "kicked out"),
    ("No country has officially recognized the Taliban as the legitimate government.", "SUPPORT", "recognized"),
])
def test_phrasal_and_designation_triggers(extract, text, type_, trigger):
    rec = extract(text, "2024-05-10")
    assert [e.trigger.text for e in typed(rec, type_)] == [trigger], [(e.type, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("text", [
    "He took the bus to work.",
    "Bangladeshi troops arrived Tuesday, joining 12 unarmed observers as the first element of the contingent.",
])
def test_no_court_and_no_designation(extract, text):
    rec = extract(text, "2024-05-10")
    assert not {"ACCUSE", "AID"} & set(types(rec)), [(e.type, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("text", [
    "Scores of chicken sellers held a one-hour sit-in Monday at the chicken market to protest the continued restrictions.",
    "Thousands gathered in the capital to protest the new law.",
])
def test_crowd_protesting_in_a_purpose_clause_is_protest(extract, text):
    rec = extract(text, "2024-05-10")
    assert "PROTEST" in types(rec) and "ACCUSE" not in types(rec), [(e.type, e.trigger.text) for e in rec.events]


def test_a_government_protesting_stays_accuse(extract):
    rec = extract("The government summoned the ambassador to protest the remarks.", "2024-05-10")
    assert "PROTEST" not in types(rec), [(e.type, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("text, trigger", [
    ("A U.S. Senate committee passed legislation Wednesday targeting Turkey and Turkish officials.", "targeting"),
    ("Mahathir's government last year froze a Chinese-funded gas pipeline and a $20 billion railway project.", "froze"),
])
def test_measures_that_target_and_frozen_projects_are_sanction(extract, text, trigger):
    rec = extract(text, "2024-05-10")
    assert [e.trigger.text for e in typed(rec, "SANCTION")] == [trigger], [(e.type, e.trigger.text) for e in rec.events]
    assert not {"ASSAULT", "COERCE"} & set(types(rec))


def test_rebels_targeting_a_base_stay_assault(extract):
    rec = extract("Rebels targeted a military base near the border.", "2024-05-10")
    assert types(rec) == ["ASSAULT"], [(e.type, e.trigger.text) for e in rec.events]


def test_money_in_the_object_licenses_money_entries_only(extract):
    rec = extract("The United States gave $5 million to Ukraine.", "2024-05-10")
    assert types(rec) == ["AID"], [(e.type, e.trigger.text) for e in rec.events]


def test_neutralized_rebels_is_assault(extract):
    rec = extract("Several rebels were either neutralized or captured.", "2024-05-10")
    assert "ASSAULT" in types(rec), [(e.type, e.trigger.text) for e in rec.events]


def test_neutralizing_a_threat_is_no_assault(extract):
    rec = extract("The new rules neutralized the tax advantage.", "2024-05-10")
    assert "ASSAULT" not in types(rec), [(e.type, e.trigger.text) for e in rec.events]


def test_an_event_noun_that_opens_is_an_event(extract):
    rec = extract("A trial opened in Paris Monday over the 2004 bombing of a French military base.", "2024-05-10")
    assert [e.trigger.text for e in typed(rec, "ACCUSE")] == ["trial"], [(e.type, e.trigger.text) for e in rec.events]


def test_a_store_that_opens_is_no_event(extract):
    rec = extract("The store opened on Monday.", "2024-05-10")
    assert not rec.events


def test_arrest_warrant_is_coerce(extract):
    rec = extract("The three defendants were never caught, and international arrest warrants against them "
                  "were not carried out.", "2024-05-10")
    assert [e.trigger.text for e in typed(rec, "COERCE")] == ["arrest warrants"], [(e.type, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("text", [
    "European countries and Cameroon reduced commercial flights to stop the spread of the coronavirus.",
    "Russia suspended grain exports to Egypt.",
])
def test_cutting_exchange_is_sanction(extract, text):
    rec = extract(text, "2024-05-10")
    assert "SANCTION" in types(rec), [(e.type, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("text", [
    "The factory reduced its gas consumption.",  # the object's head is no exchange
    "Airlines cut prices.",
])
def test_cuts_that_are_no_sanction(extract, text):
    rec = extract(text, "2024-05-10")
    assert not rec.events, [(e.type, e.trigger.text) for e in rec.events]


@pytest.mark.parametrize("text, type_, trigger", [
    ("Several member states reintroduced border controls, which they imposed unilaterally because of the pandemic.",
     "COERCE", "imposed"),
    ("The government imposed strict limits on public gatherings.", "COERCE", "imposed"),
    ("Police began the eviction of Palestinian families from their homes in east Jerusalem.", "COERCE", "eviction"),
])
def test_impositions_and_evictions_are_coerce(extract, text, type_, trigger):
    rec = extract(text, "2024-05-10")
    assert any(e.trigger.text == trigger for e in typed(rec, type_)), [(e.type, e.trigger.text) for e in rec.events]


def test_imposed_sanctions_and_conditions_keep_their_types(extract):
    assert types(extract("The EU imposed sanctions on Russia.", "2024-05-10")) == ["SANCTION"]
    assert "COERCE" not in types(extract("The IMF imposed conditions on the loan.", "2024-05-10"))


def _names(rec, ids):
    ents = {e.id: e for e in rec.entities}
    return [ents[i].name for i in ids]


def test_receiving_aid_is_the_givers_aid(extract):
    rec = extract("Since gaining independence in 1947, Pakistan has received 23 bailout packages from the IMF.", "2024-05-10")
    aid = typed(rec, "AID")
    assert aid and _names(rec, aid[0].recipients) == ["Pakistan"], [(e.type, e.trigger.text) for e in rec.events]
    assert "Pakistan" not in _names(rec, aid[0].actors)


def test_receiving_an_award_is_support(extract):
    rec = extract("Last year, the journalist received a hero award from U.S. Secretary of State Antony Blinken.", "2024-05-10")
    assert [e.trigger.text for e in typed(rec, "SUPPORT")] == ["received"]


def test_receiving_a_letter_is_no_event(extract):
    assert not extract("The company received a letter from the ministry.", "2024-05-10").events


@pytest.mark.parametrize("text", [
    '"This case is not legal, not implementable," Duale said.',
    '"The election was not free and fair," the observers said.',
])
def test_reported_negated_approval_is_accuse(extract, text):
    rec = extract(text, "2024-05-10")
    assert [(e.type, e.status) for e in rec.events] == [("ACCUSE", "happened")], [(e.type, e.trigger.text, e.status) for e in rec.events]


@pytest.mark.parametrize("text", [
    '"The plan is legal," the minister said.',
    '"It is not clear," he said.',
])
def test_approval_or_doubt_is_no_accusation(extract, text):
    assert not extract(text, "2024-05-10").events


@pytest.mark.parametrize("text", [
    "He highlighted the regime’s violation of human rights records.",
    "The report documented violations by Russian forces.",
])
def test_pointing_at_anothers_wrong_is_accuse(extract, text):
    rec = extract(text, "2024-05-10")
    assert types(rec) == ["ACCUSE"], [(e.type, e.trigger.text) for e in rec.events]


def test_a_wrong_without_its_doer_or_denied_is_no_accusation(extract):
    assert "ACCUSE" not in types(extract("Russia denied the regime's violation.", "2024-05-10"))
    assert "ACCUSE" not in types(extract("Officials discussed the violation.", "2024-05-10"))
