import { describe, expect, it } from 'vitest';
import { analyze } from '../../../lambdas/analysis/index';

const names = (text: string, title = 'Untitled') =>
  analyze({ title, text }).actors.map((a) => `${a.type}:${a.name}`);

describe('a rank word that opens a body', () => {
  it('keeps "General" in "the General Liaison Committee", no rank before "Liaison Committee"', () => {
    const got = names('The two armies met at the General Liaison Committee in Penang on Friday.');
    expect(got).toContain('organization:General Liaison Committee');
    expect(got).not.toContain('organization:Liaison Committee');
  });

  it('still reads "General" before a name as a rank', () => {
    expect(names('The order came from General Tomas Varga on Friday.')).toContain('person:Tomas Varga');
  });
});

describe('"and" inside a body\'s name', () => {
  it('keeps common words before "and" further from the head ("the Open and Neutral Pacific Network")', () => {
    const got = names(
      'The Open and Neutral Pacific Network has gathered signatures for an open letter against the base.',
    );
    expect(got).toContain('organization:Open and Neutral Pacific Network');
    expect(got).not.toContain('organization:Neutral Pacific Network');
  });

  it('keeps a plural before "and" ("the Chemical Weapons and Arms Export Working Group")', () => {
    expect(
      names(
        'Rep. Ann Lee, who chairs the Chemical Weapons and Arms Export Working Group, objected to chemical arms sales.',
      ),
    ).toContain('organization:Chemical Weapons and Arms Export Working Group');
  });

  it('keeps "and" after "of" and a plural ("the Federal Office of Youth Affairs and Civic Service")', () => {
    const got = names('Claims go to the Federal Office of Youth Affairs and Civic Service Tasks by post.');
    expect(got).toContain('organization:Federal Office of Youth Affairs and Civic Service Tasks');
  });

  it('keeps two firms listed with "and" apart', () => {
    const got = names(
      'The tanker is managed by Orla Tanker Management and Seagull Maritime Services, records show.',
    );
    expect(got).toContain('organization:Seagull Maritime Services');
    expect(got.some((x) => x.includes('Management and'))).toBe(false);
  });
});

describe('a region or "&" inside a body\'s name', () => {
  it('keeps a region the gazetteer blocks as a place after "for" or "on"', () => {
    expect(names('Dana Roe of the Institute for Middle East Understanding said so.')).toContain(
      'organization:Institute for Middle East Understanding',
    );
    expect(names('Tom Fry of the Council on Latin America said so.')).toContain(
      'organization:Council on Latin America',
    );
  });

  it('keeps "&" between the words of a name ("the Center on Peace & Reconciliation")', () => {
    const got = names(
      'The Center on Peace & Reconciliation, which counsels veterans, wrote to the committee.',
    );
    expect(got).toContain('organization:Center on Peace & Reconciliation');
    expect(got).not.toContain('organization:Center on Peace');
  });
});

describe('a known name that opens a longer one', () => {
  it('reads the longer body after more words up to a head ("the ASEAN Monitoring Team")', () => {
    const got = names('Washington will fund the ASEAN Monitoring Team on the border.');
    expect(got).toContain('organization:ASEAN Monitoring Team');
    expect(got).not.toContain('organization:ASEAN');
  });

  it('reads "for" or "on" after a known institution as part of its name', () => {
    const got = names('The Haitian Senate Committee on Naval Affairs met on Monday.');
    expect(got).toContain('organization:Senate Committee on Naval Affairs');
    expect(got).not.toContain('organization:Senate');
  });

  it('keeps a firm named with what it was paid for apart ("BAE Systems for Excalibur shells")', () => {
    const got = names('The Army paid BAE Systems for Excalibur shells last year.');
    expect(got).toContain('organization:BAE Systems');
  });

  it('leaves "the IAEA Board of Governors" to the body named with "of"', () => {
    expect(names('The IAEA Board of Governors met in Vienna.')).toContain(
      'organization:IAEA Board of Governors',
    );
  });
});

describe("a transcript's speakers named by title and surname", () => {
  const transcript = [
    'The committee heard the head of the submarine agency, Vice Admiral Petra Lindqvist, on Wednesday.',
    'SENATOR KOVAC: Admiral, the program will cost more than the government said last year. Is that still the range you expect for the boats and the shipyards?',
    'VICE ADM. LINDQVIST: It is, Senator. The estimate was last revised in the budget statements, and nothing since has changed it in any way that matters.',
    'SENATOR KOVAC: Then what guarantees do we have that the boats will arrive on time, given the delays that the shipyards have reported for three years?',
  ].join('\n\n');

  it('gives a label the person named in full before it', () => {
    const got = analyze({ title: 'Estimates', text: transcript }).actors;
    expect(got.find((a) => a.name === 'Petra Lindqvist')?.mentions).toBe(2);
  });

  it('names a speaker no one named in full by the surname, as the article does', () => {
    expect(names(transcript, 'Estimates')).toContain('person:Kovac');
  });
});

describe("a transcript's closing turns", () => {
  it('reads short last turns labelled "Senator KOVAC:" or "CHAIR (Senator Jane Roe):"', () => {
    const text = [
      'Senator KOVAC: Admiral, the program will cost more than the government said last year. Is that still the range you expect for the boats?',
      'Senator ODUYA: The review concluded and the partners have reaffirmed their commitment to the program, as the ministers confirmed last week.',
      'Senator KOVAC: And the rotations through the western base?',
      'Senator ODUYA: It is not a base, Senator.',
      'CHAIR (Senator Mirela Tanaskovic): Thank you. We will suspend.',
    ].join('\n\n');
    expect(names(text, 'Estimates')).toContain('person:Mirela Tanaskovic');
  });
});

describe('a bare ministry in a story about Washington', () => {
  it('gives "the Foreign Ministry" to the state with ministries, not the United States', () => {
    const text = [
      'US lawmakers said the United States had no authority for strikes in Ghana. The US Congress never voted, and US officials said the US military would go on.',
      'Ghana objected. Ghanaian officials said they would engage, and Ghana recalled its envoy.',
      'Foreign Ministry spokesman Kofi Mensah said talks would go on.',
    ].join('\n\n');
    const got = names(text);
    expect(got).toContain('organization:Ghanaian Foreign Ministry');
    expect(got).not.toContain('organization:American Foreign Ministry');
  });
});

describe('a bare ministry in a story with a dateline', () => {
  it("gives it to the dateline's state before a state named just before it", () => {
    const got = names(
      'OSLO (AP) - Norway agreed on Tuesday to train Kenyan navy divers, with Oslo paying for two boats for the Kenyan coast guard, the Defense Ministry said.',
    );
    expect(got).toContain('organization:Norwegian Defense Ministry');
    expect(got).not.toContain('organization:Kenyan Defense Ministry');
  });

  it('still gives it to a state named before it when there is no dateline', () => {
    const got = names(
      'Norway agreed on Tuesday to train navy divers. In Nairobi, Kenyan officials welcomed the boats, and the Defense Ministry said they would arrive in May.',
    );
    expect(got).toContain('organization:Kenyan Defense Ministry');
  });
});

describe("a state's own bodies named with its adjective, not a word for its people", () => {
  it.each([
    ["Slovenia's foreign ministry summoned the envoy on Monday.", 'Slovenian Foreign Ministry', 'Slovene'],
    ["Iceland's foreign ministry said the talks would go on.", 'Icelandic Foreign Ministry', 'Icelander'],
    [
      'The Philippine defense ministry said it would lease two ships.',
      'Philippine Defense Ministry',
      'Filipino',
    ],
    ["Saudi Arabia's foreign ministry welcomed the truce.", 'Saudi Foreign Ministry', 'Saudi Arabian'],
    [
      "New Zealand's defence ministry said the frigate would sail.",
      'New Zealand Defense Ministry',
      'New Zealander',
    ],
  ])('%s', (text, want, notWord) => {
    const got = names(text);
    expect(got).toContain(`organization:${want}`);
    expect(got.some((n) => n.startsWith(`organization:${notWord} `))).toBe(false);
  });
});

describe('a known body named again by the end of its longer name', () => {
  it('counts "the Ministry of Defence" after "the Federal Ministry of Defence" as that body', () => {
    const got = analyze({
      title: 'Briefing',
      text: 'A spokeswoman for the Federal Ministry of Defence in Berlin spoke first.\n\nA question for the Ministry of Defence: are German soldiers training crews?',
    }).actors;
    expect(got.find((a) => a.name === 'Federal Ministry of Defence')?.mentions).toBe(2);
    expect(got.some((a) => a.name === 'Ministry of Defence')).toBe(false);
  });

  it('counts "the Senate" after "the Haitian Senate" as that chamber', () => {
    const got = names(
      'The Haitian Senate approved the deployment on Tuesday.\n\nThe Senate vote was 80 to 20.',
    );
    expect(got).toContain('organization:Haitian Senate');
    expect(got).not.toContain('organization:Senate');
  });

  it('counts "the Senate" after "Mexico\'s Senate" as the chamber the gazetteer names "Senate of Mexico"', () => {
    const got = names("Mexico's Senate approved the deployment on Tuesday.\n\nThe Senate vote was 80 to 20.");
    expect(got).toContain('organization:Senate of Mexico');
    expect(got).not.toContain('organization:Senate');
  });
});

describe('a word hyphen-joined to a lower-case one', () => {
  it('opens no longer name ("the pro-Kurdish DEM Party" is the DEM Party)', () => {
    const got = names('Members of the pro-Kurdish DEM Party voted in favour.');
    expect(got).toContain('organization:DEM Party');
    expect(got).not.toContain('organization:Kurdish DEM Party');
  });
});

describe('a list that ends in a known body', () => {
  it('gives the second mention of a listed body to that body', () => {
    const got = analyze({
      title: 'Objectors',
      text: "The chairman said alternative service is for Quakers and Jehovah's Witnesses, and that Jehovah's Witnesses are banned anyway.",
    }).actors;
    expect(got.find((a) => a.name === "Jehovah's Witnesses")?.mentions).toBeGreaterThanOrEqual(1);
  });

  it('reads "Quakers and Jehovah\'s Witnesses" as two bodies, not one', () => {
    const got = names("Service is for Quakers and Jehovah's Witnesses, the chairman said.");
    expect(got).not.toContain("organization:Quakers and Jehovah's Witnesses");
  });
});

describe("a person whose name holds a state's", () => {
  it('reads a given name and a state\'s name with a title before as a person ("adviser, Abe Denmark, said")', () => {
    const got = names('The senior adviser, Abe Denmark, said partners would pay their own costs.');
    expect(got).toContain('person:Abe Denmark');
    expect(got).not.toContain('state:Denmark');
    expect(got).not.toContain('person:Shinzo Abe');
  });

  it('keeps a state after a given name with no title or speech a state', () => {
    expect(names('Talks between Israel and Jordan stalled.')).toContain('state:Jordan');
  });
});

describe("a university's short name", () => {
  it('reads "Georgetown" alone as the town, not the university', () => {
    expect(names('Rubio flew to Georgetown to warn Caracas.')).not.toContain(
      'organization:Georgetown University',
    );
  });

  it('counts it when the article names the university in full', () => {
    const got = analyze({
      title: 'Campus',
      text: 'Students at Georgetown University protested.\n\nGeorgetown said it would review the case.',
    }).actors;
    expect(got.find((a) => a.name === 'Georgetown University')?.mentions).toBe(2);
  });
});

describe("a possessive that opens a college's name", () => {
  it('reads "King\'s College London" whole', () => {
    const got = names("Ayesha Roe, a senior fellow at King's College London, said so.");
    expect(got).toContain("organization:King's College London");
    expect(got).not.toContain('organization:College London');
  });
});

describe("an initial and a place around a body's name", () => {
  it('keeps an initial that opens the name and leaves out the state it is in', () => {
    const got = names('Colin Ng, a fellow at the T. Lim School of Strategic Studies in Singapore, said so.');
    expect(got).toContain('organization:T. Lim School of Strategic Studies');
    expect(got).toContain('state:Singapore');
  });

  it('keeps "in <state>" after "for" in the name ("Students for Justice in Palestine")', () => {
    expect(names('Students for Justice in Palestine protested on Monday.')).toContain(
      'organization:Students for Justice in Palestine',
    );
  });
});

describe('a ministry in lower case with no state before it', () => {
  it("gives one that opens its sentence or speaks to the story's state", () => {
    const text =
      'Egypt arrested four reporters on Monday. Egyptian police said they had broken the law, and Egypt rejected criticism.\n\nThe interior ministry did not respond to a request for comment.';
    expect(names(text)).toContain('organization:Egyptian Interior Ministry');
  });

  it('names one "in <capital>" after that state, and one "in <place>" after the place', () => {
    expect(names('The deal was signed at the defence ministry in Jakarta on Wednesday.')).toContain(
      'organization:Indonesian Defense Ministry',
    );
    expect(names('The health ministry in Gaza said 40 people were killed.')).toContain(
      'organization:Gaza Health Ministry',
    );
  });

  it('leaves one in passing alone ("she joined the foreign ministry in 1972")', () => {
    expect(
      names('Norway sent envoys. She joined the foreign ministry in 1972.').some((x) =>
        x.includes('Ministry'),
      ),
    ).toBe(false);
  });
});

describe('a department word that is also a title', () => {
  it('keeps "Justice" in "the Justice Ministry"', () => {
    expect(
      names('Russia jailed him. The group was named a foreign agent by the Justice Ministry in 2024.'),
    ).toContain('organization:Russian Justice Ministry');
  });
});

describe("a briefing's closing turns labelled by role", () => {
  it('reads short last turns labelled "Question:" and "Spokesman:"', () => {
    const text = [
      'Question: Will the envoy travel to the region again this month, and will she meet the parties in the capital as planned?',
      'Spokesman: The envoy remains in close contact with the parties and will travel when the conditions allow it, as we said on Monday.',
      'Question: Has the regional bloc asked to send forces?',
      'Spokesman: That is a question for Tanzania.',
    ].join('\n\n');
    expect(names(text, 'Noon briefing')).toContain('state:Tanzania');
  });
});

describe('"of" and "in" inside a name that "the" opens', () => {
  it('reads "the Protection of Migrants in Transit Caucus" whole', () => {
    const got = names('Rep. Ann Lee, co-chair of the Protection of Migrants in Transit Caucus, said so.');
    expect(got).toContain('organization:Protection of Migrants in Transit Caucus');
    expect(got).not.toContain('organization:Transit Caucus');
  });
});

describe('"Marines" in any story', () => {
  it('reads "Marines" and "US Marines" as the US Marine Corps outside a story about the United States', () => {
    expect(names('Marines of the 24th Expeditionary Unit trained with the Guyana Defence Force.')).toContain(
      'organization:US Marine Corps',
    );
    expect(names('About 300 US Marines arrived at the old naval station in Panama.')).toContain(
      'organization:US Marine Corps',
    );
  });
});

describe("a chamber's committees named together", () => {
  it('names each of "the Senate Armed Services and Foreign Relations committees"', () => {
    const got = names(
      'Senator Ann Lee, a member of the Senate Armed Services and Foreign Relations committees, objected.',
    );
    expect(got).toContain('organization:Senate Armed Services Committee');
    expect(got).toContain('organization:Senate Foreign Relations Committee');
    expect(got).not.toContain('organization:Senate');
  });

  it('names each of "the Senate Foreign Relations and House Foreign Affairs committees"', () => {
    const got = names('The case went to the Senate Foreign Relations and House Foreign Affairs committees.');
    expect(got).toContain('organization:Senate Foreign Relations Committee');
    expect(got).toContain('organization:House Foreign Affairs Committee');
  });
});

describe('commas and "and" inside a body\'s name', () => {
  it('keeps a list that "and" closes after "of" ("the Ministry of Culture, Sport and Tourism")', () => {
    const got = names("Staff at Norway's Ministry of Culture, Sport and Tourism were told to stay home.");
    expect(got).toContain('organization:Norwegian Ministry of Culture, Sport and Tourism');
    expect(got).not.toContain('organization:Norwegian Culture Ministry');
  });

  it('keeps a list after "on" and a title after "of the" ("the Office of the Special Adviser on ...")', () => {
    expect(
      names('The Office of the Special Adviser on Truth, Healing and Dialogue said the talks would resume.'),
    ).toContain('organization:Office of the Special Adviser on Truth, Healing and Dialogue');
  });

  it('keeps a lone head word after "of" and "and" ("the Ministry of Posts and Broadcasting")', () => {
    expect(names('The Ministry of Posts and Broadcasting shut two channels on Friday.')).toContain(
      'organization:Ministry of Posts and Broadcasting',
    );
  });

  it('ends a name before "and" and a possessive ("the Gulf Authority for Shipbuilding and Peru\'s ...")', () => {
    const got = names(
      "The Gulf Authority for Shipbuilding and Peru's state yard signed a deal for two corvettes.",
    );
    expect(got).toContain('organization:Gulf Authority for Shipbuilding');
    expect(got).toContain('state:Peru');
  });

  it('ends a name at its head before "and" ("the Defence Ministry and Hanwha Aerospace")', () => {
    const got = names('The contract was signed by the Defence Ministry and Hanwha Aerospace on Monday.');
    expect(got.some((x) => x.includes('Ministry and'))).toBe(false);
    expect(got).toContain('organization:Hanwha Aerospace');
  });
});

describe("another state's party named by the US parties' word", () => {
  it('reads "Germany\'s Social Democrats" as the German party, not the US Democratic Party', () => {
    const got = names("Germany's Social Democrats voted against the tank deal in the Bundestag.");
    expect(got).toContain('organization:Social Democratic Party of Germany');
    expect(got).not.toContain('organization:Democratic Party');
  });

  it('names no US party for a party word the gazetteer has no party of ("the Christian Democrats")', () => {
    const got = names('In Vienna the Christian Democrats and the Free Democrats split over the arms deal.');
    expect(got).not.toContain('organization:Democratic Party');
  });

  it('still reads "House Democrats" and "Texas Republicans" as the US parties', () => {
    const got = names('House Democrats opposed the bill, while Texas Republicans backed it.');
    expect(got).toContain('organization:Democratic Party');
    expect(got).toContain('organization:Republican Party');
  });
});

describe('Romance-language names and numbered units', () => {
  it('keeps "del", "por la" and "de" inside a name ("the Hijos del Monte faction", "Union por la Tierra")', () => {
    expect(names('The accord binds the Hijos del Monte faction to halt attacks.')).toContain(
      'organization:Hijos del Monte',
    );
    expect(names('Deputies of the Union por la Tierra bloc walked out of the session.')).toContain(
      'organization:Union por la Tierra',
    );
  });

  it('reads a known one-word name after a connector as the longer name\'s word ("Frente por la Patria")', () => {
    // Not "Unión por la Patria", which the gazetteer knows.
    const got = names('Deputies of the Frente por la Patria bloc walked out of the session.');
    expect(got).toContain('organization:Frente por la Patria');
    expect(got).not.toContain('organization:Patria');
  });

  it('opens a name with a Spanish or Portuguese head word ("the Centro Nacional de Vigilancia")', () => {
    expect(
      names('The contract went to the Centro Nacional de Vigilancia, part of the interior department.'),
    ).toContain('organization:Centro Nacional de Vigilancia');
  });

  it('keeps an ordinal before "Front" ("the 41st Front")', () => {
    expect(names('Fighters of the 41st Front attacked a police post near the river.')).toContain(
      'organization:41st Front',
    );
  });
});

describe("where a body's name starts and ends", () => {
  it('names a body by the gazetteer\'s "X of <State>" after the state\'s possessive', () => {
    expect(names("Iran's Atomic Energy Organization said the inspectors left on Monday.")).toContain(
      'organization:Atomic Energy Organization of Iran',
    );
  });

  it('ends a name before "in" and a place after "Headquarters" ("the Army Headquarters in Pokhara")', () => {
    const got = names('The two chiefs met at the Army Headquarters in Pokhara on Monday.');
    expect(got.some((x) => x.includes('Pokhara'))).toBe(false);
  });

  it('ends a name before "on" and a person\'s surname ("the rank of General of the Nepali Army on Dwivedi")', () => {
    const got = names(
      'General Upendra Dwivedi arrived on Sunday. The president will confer the rank of General of the Nepali Army on Dwivedi.',
    );
    expect(got.some((x) => x.includes('on Dwivedi'))).toBe(false);
  });

  it('reads "Cabinet Secretary" as a title, no body ("Interior Cabinet Secretary Ann Wambui")', () => {
    const got = names('Interior Cabinet Secretary Ann Wambui said the officers would be charged.');
    expect(got.some((x) => x.includes('Cabinet'))).toBe(false);
  });

  it('names no body for a pact named "<Pact> of ..." ("the Compact of Free Association")', () => {
    expect(names('Under the Compact of Free Association, Washington pays into a trust fund.')).not.toContain(
      'organization:Compact of Free Association',
    );
    expect(
      names('The Agreement Regarding the Status of Visiting Forces entered into force on Monday.'),
    ).not.toContain('organization:Status of Visiting Forces');
  });

  it('names no body for an operation named "Mission X" ("Mission Sudarshan")', () => {
    expect(names('The launch was part of what the minister called Mission Sudarshan.')).not.toContain(
      'organization:Mission Sudarshan',
    );
  });

  it('keeps a common noun the lexicon stops that opens a name ("the Internet Rights Foundation")', () => {
    expect(names('A report by the Internet Rights Foundation, a Delhi group, counted the bans.')).toContain(
      'organization:Internet Rights Foundation',
    );
  });

  it('keeps "&" inside a listed firm\'s name ("firms such as Baker & Reed")', () => {
    expect(names('The audit was done by firms such as Baker & Reed and Morrow Partners.')).toContain(
      'organization:Baker & Reed',
    );
  });

  it('keeps "to" and the verb a body is named for ("the Joint Task Force to End Rural Insurgency")', () => {
    expect(
      names('The Joint Task Force to End Rural Insurgency accused the rebels of recruiting children.'),
    ).toContain('organization:Joint Task Force to End Rural Insurgency');
  });
});

describe('committees and subcommittees', () => {
  it('names a subcommittee, "and" after "on" and all ("the Subcommittee on Seapower and Land Forces")', () => {
    expect(
      names('Witnesses told the Subcommittee on Seapower and Land Forces that the budget was short.'),
    ).toContain('organization:Subcommittee on Seapower and Land Forces');
  });

  it('keeps "on the" and a region in a committee\'s name ("the Subcommittee on the Western Hemisphere")', () => {
    expect(
      names(
        'Rep. Ann Ford, who sits on the House Foreign Affairs Subcommittee on the Western Hemisphere, objected.',
      ),
    ).toContain('organization:House Foreign Affairs Subcommittee on the Western Hemisphere');
  });

  it('counts no chamber for a committee named with it ("the House Select Committee on Ukraine")', () => {
    expect(names('The House Select Committee on Ukraine said it would meet on Monday.')).not.toContain(
      'organization:House of Representatives',
    );
  });
});

describe("a list before the head, and a chamber's possessive", () => {
  it('keeps a list that "and" closes before the head ("the National Unity, Peace and Dialogue Commission")', () => {
    expect(
      names('The National Unity, Peace and Dialogue Commission, set up by parliament, approved the bill.'),
    ).toContain('organization:National Unity, Peace and Dialogue Commission');
  });

  it('names "the Senate\'s Committee on Navy" as the Senate Committee on Navy, no Senate beside it', () => {
    const got = names("The Senate's Committee on Navy said it would summon the naval chief.");
    expect(got).toContain('organization:Senate Committee on Navy');
    expect(got).not.toContain('organization:Senate');
  });
});

describe('words around a body that are not its name', () => {
  it("opens a ministry's name with the state of its possessive, no heading word before it", () => {
    const got = names("Outlook\nJapan's Defense Ministry tracks the ships closely.");
    expect(got).toContain('organization:Japanese Defense Ministry');
    expect(got.some((x) => x.includes('Outlook'))).toBe(false);
  });

  it('ends a body before a title\'s portfolio ("Under Secretary of the Navy for Readiness")', () => {
    const got = names('Ann Cole, Under Secretary of the Navy for Readiness, testified on Tuesday.');
    expect(got.some((x) => x.includes('for Readiness'))).toBe(false);
  });

  it('keeps "for" in an institution after a title ("Head of the Centre for Maritime Security")', () => {
    expect(names('Jon Berg, Head of the Centre for Maritime Security, spoke first.')).toContain(
      'organization:Centre for Maritime Security',
    );
  });
});

describe('a ministry named again without its state', () => {
  it('reads "the Ministry of Health" after "the Peruvian Health Ministry" as that ministry', () => {
    const got = names(
      'The Peruvian Health Ministry counted nine dead. Later the Ministry of Health raised the toll to twelve.',
    );
    expect(got).toContain('organization:Peruvian Health Ministry');
    expect(got).not.toContain('organization:Ministry of Health');
  });
});

describe('a pact inside a capitalised run', () => {
  it('names no body for "<X> Agreement for <Y>" ("the Navy Enterprise Agreement for Harbor Cloud")', () => {
    const got = names(
      'Orbis was awarded an order under the Navy Enterprise Agreement for Harbor Cloud licenses.',
    );
    expect(got.some((x) => x.includes('Agreement'))).toBe(false);
  });
});

describe('an organisation named as the article names it', () => {
  const found = (text: string) => analyze({ title: 'Untitled', text }).actors;

  it('names a body by the acronym the article uses, under the canonical id', () => {
    const got = found(
      'Peacekeepers of KFOR patrolled the bridge at dawn, and KFOR said the night passed calmly.',
    );
    const kfor = got.find((a) => a.id === 'gen:org:kosovo-force');
    expect(kfor?.name).toBe('KFOR');
  });

  it('keeps the canonical name when the article uses it', () => {
    const got = found('The Kosovo Force (KFOR) patrolled the bridge at dawn.');
    expect(got.find((a) => a.id === 'gen:org:kosovo-force')?.name).toBe('Kosovo Force');
  });

  it('names a ministry the article calls a department as written, and one it calls a ministry by rule', () => {
    const got = found(
      'Ottawa said on Monday that the Department of National Defence (DND) would buy four icebreakers, and DND staff began the tender.',
    );
    expect(got.find((a) => a.id === 'gen:org:canadian-department-of-national-defence')?.name).toBe(
      'Department of National Defence',
    );
    const ministry = found("Canada's defence ministry said on Monday it would buy four icebreakers.");
    expect(ministry.find((a) => a.id === 'gen:org:canadian-department-of-national-defence')?.name).toBe(
      'Canadian Defense Ministry',
    );
  });

  it('prefers the fullest form the article writes over its acronym', () => {
    const got = found(
      'Medics of Médecins Sans Frontières (MSF) treated forty people; MSF asked for a corridor.',
    );
    expect(got.find((a) => a.id === 'gen:org:medecins-sans-frontieres')?.name).toBe(
      'Médecins Sans Frontières',
    );
  });

  it('spells a function word as the gazetteer does, not as a headline capitalises it', () => {
    const got = analyze({
      title: 'Party Of Socialists Walks Out',
      text: 'The opposition walked out of the chamber in Chisinau on Tuesday.',
    }).actors;
    expect(got.map((a) => a.name)).toContain('Party of Socialists');
  });

  it('keeps the canonical name for a form that describes the body', () => {
    const got = found('Inspectors of the UN nuclear watchdog arrived at the plant on Monday.');
    expect(got.map((a) => a.name)).toContain('International Atomic Energy Agency');
  });

  it('drops a state written before the canonical name ("the Russian Pacific Fleet")', () => {
    const got = found('Two destroyers of the Russian Pacific Fleet sailed past the strait on Sunday.');
    expect(got.map((a) => a.name)).toContain('Pacific Fleet');
  });

  it("keeps a ministry's rule name", () => {
    const got = found("Israel's Ministry of Defense signed the order on Monday.");
    expect(got.map((a) => a.name)).toContain('Israeli Defense Ministry');
  });

  it('reads a party\'s adjective as no name of it ("Democrat lawmakers")', () => {
    const got = found('Democrat lawmakers and the Democratic Party leadership met in the evening.');
    expect(got.find((a) => a.type === 'organization' && a.name.startsWith('Democrat'))?.name).toBe(
      'Democratic Party',
    );
  });
});

describe("a party's political adjective before its name", () => {
  it('is no part of a known name ("the Peronist Union for the Homeland bloc")', () => {
    const got = names('Lawmakers of the Peronist Union for the Homeland bloc walked out of the chamber.');
    expect(got).toContain('organization:Union for the Homeland');
    expect(got).not.toContain('organization:Peronist Union for the Homeland');
  });

  it('is no part of a name found by its head ("the Kirchnerist Citizen Unity Front")', () => {
    const got = names('Leaders of the Kirchnerist Citizen Unity Front met in La Plata on Sunday.');
    expect(got).toContain('organization:Citizen Unity Front');
  });
});

describe('a "UN" or "US Army" the article writes before a known body', () => {
  it('is part of its name where the gazetteer holds no such form, and no mention of the UN', () => {
    const got = names('Delegates at the UN Conference on Disarmament in Geneva adjourned on Friday.');
    expect(got).toContain('organization:UN Conference on Disarmament');
    expect(got).not.toContain('organization:United Nations');
  });

  it('leaves the UN named on its own a mention', () => {
    const got = names('The UN Conference on Disarmament adjourned, and the UN said talks would resume.');
    expect(got).toContain('organization:UN Conference on Disarmament');
    expect(got).toContain('organization:UN');
  });

  it('adds nothing to a body whose name holds the prefix ("the US Army Green Berets")', () => {
    expect(names('The US Army Green Berets trained the unit on Monday.')).toContain(
      'organization:Green Berets',
    );
  });
});

describe('a person named as the article spells the full name', () => {
  const people = (text: string) =>
    analyze({ title: 'Untitled', text })
      .actors.filter((a) => a.type === 'person')
      .map((a) => `${a.id} ${a.name}`);

  it("takes the article's spelling of a full name, keeping the canonical id", () => {
    expect(
      people('Iranian Foreign Minister Abbas Araqchi flew to Oman on Sunday. Araqchi met his host.'),
    ).toEqual(['gen:person:abbas-araghchi Abbas Araqchi']);
    expect(people('Vassily Nebenzia told the council on Monday that the draft was unbalanced.')).toContain(
      'gen:person:vasily-nebenzya Vassily Nebenzia',
    );
  });

  it('takes the fullest form written, never a bare surname', () => {
    expect(people('The talks were chaired by Tore O. Sandvik, and Sandvik spoke first.')).toContain(
      'gen:person:tore-sandvik Tore O. Sandvik',
    );
    expect(people('Later that week Araqchi wrote to Abbas Araghchi.')).toContain(
      'gen:person:abbas-araghchi Abbas Araghchi',
    );
  });

  it('keeps the canonical name where the article writes it, or writes it on past the form matched', () => {
    expect(
      people('Abbas Araqchi, in some spellings Abbas Araghchi, replied on Tuesday to the letter.'),
    ).toContain('gen:person:abbas-araghchi Abbas Araghchi');
    expect(people('The state visit by President Ferdinand Marcos Jr, his first, began on Monday.')).toContain(
      'gen:person:ferdinand-marcos-jr Ferdinand Marcos Jr.',
    );
  });

  it('names no one by a form that opens with a title the canonical name lacks', () => {
    expect(people('A message from Ayatollah Khamenei was read out at the rally on Friday.')).toContain(
      'Q57336 Ali Khamenei',
    );
  });
});

describe('a body named as the article writes it around the form matched', () => {
  const orgs = (text: string) =>
    analyze({ title: 'Untitled', text })
      .actors.filter((a) => a.type === 'organization')
      .map((a) => `${a.id} ${a.name}`);

  it('takes the canonical name the article writes on past the form matched, in any case', () => {
    expect(orgs('Six sailors were hurt, according to the Tasnim news agency on Sunday.')).toContain(
      'gen:org:tasnim-news-agency Tasnim News Agency',
    );
    expect(orgs('A later report from Tasnim said nothing more of the sailors.')).toContain(
      'gen:org:tasnim-news-agency Tasnim',
    );
  });

  it('names an embassy with the capital or the state the article places it in', () => {
    expect(orgs('The US Embassy in Phnom Penh declined to comment on the drill.')).toContain(
      'gen:organization:us-embassy US Embassy in Phnom Penh',
    );
    expect(orgs('The Chinese Embassy in Japan issued an advisory.')).toContain(
      'gen:organization:chinese-embassy Chinese Embassy in Japan',
    );
    expect(orgs('The Chinese Embassy in a statement issued an advisory.')).toContain(
      'gen:organization:chinese-embassy Chinese Embassy',
    );
    // A city the gazetteer blocks as a place.
    expect(orgs('The Chinese Embassy in The Hague issued an advisory.')).toContain(
      'gen:organization:chinese-embassy Chinese Embassy in The Hague',
    );
  });

  it('names a company with the legal form the article writes after it, the id without it', () => {
    expect(orgs('The tanker was sold by Zentra Trading SA to a buyer in Dubai, officials said.')).toContain(
      'gen:organization:zentra-trading Zentra Trading SA',
    );
    expect(
      orgs('The buyer was Qingdao Hengli Petrochemical Co., Ltd., a refiner, the notice said.'),
    ).toContain('gen:organization:qingdao-hengli-petrochemical-co Qingdao Hengli Petrochemical Co., Ltd.');
    expect(orgs('Anduril Industries Inc., Costa Mesa, California, won the bid.')).toContain(
      'gen:org:anduril Anduril Industries Inc.',
    );
  });

  it('takes no stop that ends a sentence, and no word a hyphen joins on', () => {
    expect(orgs('The engines came from Hindustan Aeronautics Limited. Deliveries start soon.')).toContain(
      'gen:org:hindustan-aeronautics-limited Hindustan Aeronautics Limited',
    );
    expect(orgs('A student was detained by ICE After Co-Writing an essay.')).not.toContainEqual(
      expect.stringMatching(/ Co$/),
    );
  });
});

describe("a body's full form with its own state or possessive, and a demonym's spelling", () => {
  const orgs = (text: string) =>
    analyze({ title: 'Untitled', text })
      .actors.filter((a) => a.type === 'organization')
      .map((a) => a.name);

  it('names a body by the full form it writes with a closing "of <State>" or an opening possessive', () => {
    expect(
      orgs('Engineers at the Aviation Industry Corporation of China built the new trainer jet.'),
    ).toContain('Aviation Industry Corporation of China');
    expect(orgs("Two brigades of the People's Liberation Army Rocket Force moved east in May.")).toContain(
      "People's Liberation Army Rocket Force",
    );
  });

  it('still names no body by a form that places it with a state', () => {
    expect(orgs("South Korea's Joint Chiefs of Staff counted four launches overnight.")).not.toContain(
      "South Korea's Joint Chiefs of Staff",
    );
  });

  it("spells a ministry's demonym as the article does, when it is the same word", () => {
    expect(orgs('Ecuadorian diplomats said the Foreign Ministry in Quito would answer the note.')).toContain(
      'Ecuadorian Foreign Ministry',
    );
    expect(orgs('Russia said the Foreign Ministry in Moscow would answer the note.')).not.toContain(
      'Russia Foreign Ministry',
    );
  });
});

describe('a canonical name as the article hyphenates it', () => {
  const named = (text: string) => analyze({ title: 'Untitled', text }).actors.map((a) => `${a.id} ${a.name}`);

  it("takes the article's hyphens and spaces, keeping the id", () => {
    expect(named('Cartel rivals of the Beltran Leyva Organization clashed near the port.')).toContain(
      'gen:org:beltran-leyva-organization Beltran Leyva Organization',
    );
    expect(named('Cartel rivals of the Beltrán-Leyva Organization clashed near the port.')).toContain(
      'gen:org:beltran-leyva-organization Beltrán-Leyva Organization',
    );
    expect(named('President Abdel Fattah al Sisi received the envoy in Cairo.')).toContain(
      'gen:person:abdel-fattah-al-sisi Abdel Fattah al Sisi',
    );
  });
});
