"""Meeting senses and triggers that real Spanish, French and Italian news needed (issue 12, session 16).

No meeting: a crowd gathering ("una multitud se reunió"), protests against a visit (background, corpus/README "a
state visit mentioned only as the target of protests"), a lecture given ("la conferencia que pronunció"), a
proposal, sentence or lashes received, a mission received ("il reçut la mission"), a call for tenders ("consultation
d'entreprises"), election "consultazioni" (caucus, results, voters), a minister at the scene of a disaster (a site
visit), a party's or a regional executive's own meeting, the chambers or the Senate convening, going to parliament
for the oath or to a hospital, a share of the vote gathered ("réunit 26 % des voix"), dialogue in a film, a labour
agreement, a phone link on television, the Pope receiving a theologian or meeting a cardinal (corpus/README:
negative), a national team's fixture (GUIDE.md: sports fixtures). A meeting: a head of state arriving in a capital,
going up to the Quirinale palace, "negociarlo con el Gobierno", a handshake ("se estrecharon la mano", "serré la
main", "stretto la mano"), a state dinner given ("agasajó"), "se rendra … en Chine", "se retrouveront", a tour
abroad ("effectuera une tournée", "il suo tour in Africa"), "scambio di vedute". Sentences written for these tests in
the style of news."""

from __future__ import annotations

import pytest

from tests.unit.detectors.rule_candidates import candidates, open_meeting_candidates

NOT_MEETINGS = [
    ("es", "Una multitud de simpatizantes se reunió en la plaza central para celebrar la victoria del presidente."),
    ("es", "Miles de estudiantes se reunieron frente al Congreso para protestar contra la reforma."),
    ("es", "Decenas de activistas protestaron contra la visita del presidente ruso a la capital."),
    ("es", "El ministro Pedro Ruiz, en la conferencia que pronunció en Salamanca, defendió la reforma fiscal."),
    ("es", "La fundación del expresidente Luis Ortega ha recibido más de mil propuestas de todo el país."),
    ("es", "El opositor Juan Pérez recibió cien latigazos en una prisión de la capital."),
    ("fr", "Nommé par le ministre de la Guerre, le colonel reçut la mission de former un nouveau régiment."),
    ("fr", "Le maire Paul Martin a lancé une consultation d'entreprises pour le nettoyage des rues."),
    ("it", "A Londra molti contrari alla visita del presidente americano si sono riuniti davanti al parlamento."),
    ("it", "Le prime consultazioni del caucus hanno premiato il senatore Obama."),
    ("it", "Il senatore si è ritirato dalla corsa dopo i risultati di queste consultazioni."),
    ("it", "Il presidente ha ringraziato i votanti di tutte le consultazioni che si sono svolte domenica."),
    ("it", "Sul luogo della tragedia si è recato anche il ministro dell'Interno Paolo Rinaldi."),
    ("it", "Il ministro dei Trasporti Paolo Rinaldi si è recato sul posto nel pomeriggio."),
    ("it", "La riunione del partito si è conclusa con l'elezione del nuovo segretario Marco Galli."),
    ("it", "La giunta regionale, che era riunita in seduta straordinaria, ha approvato il bilancio del presidente."),
    ("it", "Il presidente sarà eletto entro quindici giorni dalla riunione delle Camere."),
    ("it", "Il ministro Paolo Rinaldi era collegato telefonicamente con lo studio televisivo da Milano."),
    ("it", "Il Papa ha ricevuto il teologo Hans Müller nella residenza estiva."),
    ("it", "Domani il Papa incontrerà il cardinale Marco Galli per parlare della diocesi."),
    ("it", "Stessa pena ha ricevuto l'ex ministro dell'Interno Paolo Rinaldi."),
    ("it", "La vicepresidente Maria Bianchi ha ricevuto 134 voti, il senatore Marco Galli ne ha ricevuti 120."),
    ("it", "Le Nazioni Unite non hanno ricevuto le informazioni sul censimento del Libano e della Somalia."),
    ("it", "Cresce a Londra l'opposizione alla visita di Stato del presidente cinese."),
    ("it", "Dopo varie riunioni nella sede nazionale del partito, i ministri centristi hanno lasciato il governo."),
    ("it", "In Senato è riunita la seduta presieduta dal presidente Pietro Grasso per il voto."),
    ("it", "Tra due giorni il presidente Marco Galli si recherà al Parlamento per il giuramento."),
    ("it", "Il ministro della Salute Paolo Rinaldi si è recato subito all'ospedale di Vercelli."),
    ("es", "Manifestantes reunidos frente a la sede del Gobierno exigieron la dimisión del ministro."),
    ("es", "El primer ministro Ariel Sharón visitó la Explanada de las Mezquitas en Jerusalén."),
    ("es", "La candidata del Gobierno, la ministra Ana López, reunió el 26 % de los votos en la primera vuelta."),
    ("es", "El presidente de la película, interpretado por Juan Pérez, mantiene largos diálogos con su ministro."),
    ("es", "Representantes de los sindicatos se reunieron con la patronal bancaria para negociar el acuerdo laboral."),
    ("fr", "La ministre déléguée Anne Martin réunit 26 % des voix au premier tour."),
    ("fr", "Le conseil d'orientation interministériel se réunira au printemps, coprésidé par la ministre Anne Martin."),
    ("fr", "Le ministre Jean Dupont se rendra compte à Paris de l'ampleur du problème."),
    # national teams are countries: the fixture needs a sports word to read as no meeting
    ("es", "México y Estados Unidos disputarán el encuentro el sábado en Los Ángeles."),
    ("es", "España recibirá a Portugal en los cuartos de final en Sevilla."),
    ("it", "L'Italia incontrerà la Spagna nei quarti di finale a Varsavia."),
    ("it", "La Francia ospiterà il Galles sabato a Parigi per il Sei Nazioni."),
    ("fr", "La France rencontrera l'Allemagne en demi-finale à Munich."),
    ("fr", "Les Bleus recevront l'Italie samedi au Stade de France."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_MEETINGS)
def test_no_open_meeting_candidate(lang: str, text: str) -> None:
    assert not open_meeting_candidates(text, lang), text


MEETINGS = [
    ("it", "Il presidente iraniano Hassan Rohani è arrivato oggi nella capitale irachena, Baghdad.", "held"),
    ("it", "Il premier Enrico Letta è salito al palazzo del Quirinale dal presidente Giorgio Napolitano.", "held"),
    ("es", "Con el Gobierno central pretende negociarlo la ministra Ana López la próxima semana.", "planned"),
    ("es", "El primer ministro israelí y el presidente palestino se estrecharon la mano en la Casa Blanca.", "held"),
    ("es", "El rey Felipe agasajó al presidente de Portugal con una cena de gala en el Palacio Real.", "held"),
    ("fr", "Le président Paul Martin se rendra la semaine prochaine en Chine.", "planned"),
    ("fr", "Le président Paul Martin et le président américain se retrouveront à Washington en mai.", "planned"),
    ("fr", "Le président Paul Martin a serré la main du président russe à Genève.", "held"),
    ("fr", "Le chef de l'État effectuera une tournée en Afrique de l'Ouest.", "planned"),
    ("it", "Il premier Marco Galli ha stretto la mano al presidente russo a Ginevra.", "held"),
    ("it", "Il premier Marco Galli e il presidente francese hanno avuto un cordiale scambio di vedute.", "held"),
    ("it", "Il premier Marco Galli ha concluso ieri il suo tour in Africa occidentale.", "held"),
]


@pytest.mark.parametrize(("lang", "text", "status"), MEETINGS)
def test_meeting_candidate(lang: str, text: str, status: str) -> None:
    found = {c.status for _s, c in candidates(text, lang)}
    assert found, text
    assert status in found, (text, found)
