import { describe, expect, it } from 'vitest';
import { definesAcronym } from '../../../lambdas/analysis/acronyms';
import { analyze } from '../../../lambdas/analysis/index';

const names = (text: string, title = 'Untitled') =>
  analyze({ title, text }).actors.map((a) => `${a.type}:${a.name}`);

describe('words that name a party, bloc or front', () => {
  it('takes a name ending in a transliterated party word for an organisation, not a person', () => {
    const got = names('The Rashtriya Lok Dal walked out, and the Kisan Mazdoor Sangh backed the strike.');
    expect(got).toContain('organization:Rashtriya Lok Dal');
    expect(got).toContain('organization:Kisan Mazdoor Sangh');
    expect(got.filter((x) => x.startsWith('person:'))).toEqual([]);
  });

  it('takes a name ending in "Bloc" for an organisation', () => {
    const got = names('Senators from the Civic Renewal Bloc, which won 14 seats, abstained.');
    expect(got).toContain('organization:Civic Renewal Bloc');
    expect(got).not.toContain('person:Civic Renewal Bloc');
  });
});

describe('an acronym the article defines', () => {
  it('makes the capitalised words before it an organisation, and a later bare use that body', () => {
    const got = analyze({
      title: 'Untitled',
      text: 'Talks between the army and the rebel Gerakan Merdeka Raya (GMR) resumed on Monday. The GMR said the talks were useful.',
    }).actors;
    expect(got.find((a) => a.name === 'Gerakan Merdeka Raya')).toMatchObject({
      type: 'organization',
      mentions: 3,
    });
  });

  it("beats the gazetteer's body of that acronym when the initials are the name's, in another order", () => {
    const got = names(
      'Moldova’s Intelligence and Security Service (SIS) said on Monday that it had expelled two diplomats. The SIS gave no names.',
    );
    expect(got).toContain('organization:Intelligence and Security Service');
    expect(got).not.toContain('organization:MI6');
  });

  it("keeps the gazetteer's body when the acronym is not the name's initials", () => {
    expect(names("Russia's Foreign Intelligence Service (SVR) said the plot had failed.")).toContain(
      'organization:SVR',
    );
  });

  it('runs a name on over "and", a state or a title word to the acronym in brackets that spells it', () => {
    const got = names(
      'The Federation of Textile and Garment Exporters (FTGE) said orders fell. The Press Council of Bosnia and Herzegovina (PCBH) objected, and the Alliance for Rural Justice (ARJ) marched.',
    );
    expect(got).toContain('organization:Federation of Textile and Garment Exporters');
    expect(got).toContain('organization:Press Council of Bosnia and Herzegovina');
    expect(got).toContain('organization:Alliance for Rural Justice');
    expect(got).not.toContain('organization:Federation of Textile');
    expect(got).not.toContain('organization:Alliance for Rural');
  });

  it('makes no organisation of a weapon, a programme or a pact in brackets', () => {
    const got = names(
      'The Coastal Strike Munition (CSM) and the Regional Air Programme (RAP) were debated, as was the Mutual Basing Agreement (MBA).',
    );
    expect(got.filter((x) => x.startsWith('organization:'))).toEqual([]);
  });
});

describe('definesAcronym', () => {
  it('reads initials in order, small words left out, a few letters of a word, or all in another order', () => {
    expect(definesAcronym('BRN', ['Barisan', 'Revolusi', 'Nasional'])).toBe(true);
    expect(definesAcronym('PAS', ['Party', 'of', 'Action', 'and', 'Solidarity'])).toBe(true);
    expect(definesAcronym('LUNAS', ['Lumut', 'Naval', 'Shipyard'])).toBe(true);
    expect(definesAcronym('FDNB', ['National', 'Defence', 'Force', 'of', 'Burundi'])).toBe(true);
    expect(definesAcronym('SVR', ['Foreign', 'Intelligence', 'Service'])).toBe(false);
    expect(definesAcronym('BR', ['Barisan', 'Revolusi', 'Nasional'])).toBe(false);
  });
});

describe('ministries', () => {
  it('names a ministry of "A and B" by A when A is a plain department written in two words', () => {
    const got = names(
      "NAIROBI – Kenya's Ministry of Foreign Affairs and Diaspora Affairs said talks would resume.",
    );
    expect(got).toContain('organization:Kenyan Foreign Ministry');
    expect(names("India's Ministry of Information and Broadcasting ordered the channels off air.")).toContain(
      'organization:Indian Ministry of Information and Broadcasting',
    );
  });

  it('keeps a known body\'s short name after a ministry\'s "and" in the ministry', () => {
    const got = names(
      'Officials said the Ministry of National Defence and Veterans Affairs had approved the plan.',
    );
    expect(got).toEqual(['organization:Ministry of National Defence and Veterans Affairs']);
  });

  it('does not take a ministry for one of its department that the article names only later', () => {
    const got = names(
      'Hours later the Ministry of Foreign Affairs expelled two staff of the Russian Embassy. The Russian Foreign Ministry called it a provocation.',
    );
    expect(got).toContain('organization:Ministry of Foreign Affairs');
    expect(got).toContain('organization:Russian Foreign Ministry');
  });

  it('gives "its Foreign Ministry" to the state that opens the clause, not the one named last', () => {
    expect(
      names(
        'Armenia objected, and Yerevan has criticised arms sales to Baku, though its Foreign Ministry did not comment.',
      ),
    ).toContain('organization:Armenian Foreign Ministry');
  });

  it('gives a ministry named without its state to a state that opens a sentence before it', () => {
    const got = names(
      "Ukrainian drones hit two tankers, Ukraine said. Ukraine's navy confirmed it.\n\nTurkey, which controls the straits, expressed concern. Foreign Ministry spokesman Oncu Keceli said the attacks were dangerous.",
    );
    expect(got).toContain('organization:Turkish Foreign Ministry');
    expect(got).not.toContain('organization:Ukrainian Foreign Ministry');
  });
});

describe('an appositive that says what kind of body a name is', () => {
  it('takes a name before "the state defence holding" for an organisation, its state word and all', () => {
    expect(names('Talks ended. Estonia Tekno, the state defence holding, will build the plant.')).toContain(
      'organization:Estonia Tekno',
    );
  });

  it('keeps an adjective that opens a sentence in the name the appositive describes', () => {
    const got = names(
      'Aid came from donors. African Rivers, the conservation group that runs the reserve, said so.',
    );
    expect(got).toContain('organization:African Rivers');
    expect(got).not.toContain('organization:Rivers');
  });

  it('reads "holding", "giant" and "authority" before a name as no cue', () => {
    expect(names('Officials say holding Kestrel Ridge will take weeks.')).toEqual([]);
    expect(names('The plant went to Iraq’s giant Kestrel Field last year.')).toEqual(['state:Iraq']);
  });

  it('takes a name after a kind of body written with a word for what kind, or set off by commas', () => {
    const got = names(
      "The hauliers' association Trasvia said 90 lorries were stuck. Ivo Maric, a host on the private station Radio Kvarner, was held, as was a writer for the independent news site Novi Glas. The fuel went to Ankara trading house Delta Bor and to Tbilisi's state-owned Sakgaz. The media regulator, ARMK, fined him, and Moldova's anti-fraud secretariat, Servcon, said it would look.",
    );
    for (const x of ['Trasvia', 'Radio Kvarner', 'Novi Glas', 'Delta Bor', 'Sakgaz', 'ARMK', 'Servcon'])
      expect(got).toContain(`organization:${x}`);
  });

  it('takes a name for an outlet where wire copy says what an outlet does', () => {
    const got = names(
      'The deal collapsed on Friday, The Courier has learnt. A guard told The Harbour Post, asking not to be named, and a deputy told KRT that the vote was off. Villagers interviewed by Rasmi Online said ten died, according to a memo seen by the Standard. Ostrava Today could not independently verify the figure.',
    );
    for (const x of ['The Courier', 'Harbour Post', 'KRT', 'Rasmi Online', 'Standard', 'Ostrava Today'])
      expect(got).toContain(`organization:${x}`);
  });

  it('takes no person after "told" for an outlet', () => {
    expect(names('The minister told Halvorsen that the vote was off.')).not.toContain(
      'organization:Halvorsen',
    );
  });

  it('makes no body of an operation, a person or a place after a kind of body', () => {
    const got = names(
      'The army launched a drive against the group, Operation Dawn Wind, in May. Soon after leaving the agency, Rui and a cousin flew home. It hit the power station Kestrel Point.',
    );
    expect(got.filter((x) => x.startsWith('organization:'))).toEqual([]);
  });

  it('reads a kind of body up to seven words into the appositive, but not one after "by"', () => {
    const got = names(
      "Workers struck at Vostrel, the country's largest private arms maker, on Monday. Phones were hit with Falconet, the spyware made by the Israeli firm Paragon Solutions.",
    );
    expect(got).toContain('organization:Vostrel');
    expect(got).not.toContain('organization:Falconet');
  });

  it('makes no body of a title before an appositive', () => {
    expect(names('MR. LANE: Senator, the President’s authority is clear.')).not.toContain(
      'organization:Senator',
    );
  });

  it('keeps a person whose appositive names a university before the role', () => {
    const got = names('Police detained Ana Lopes, a Tufts University student from Brazil, on Monday.');
    expect(got).toContain('person:Ana Lopes');
  });

  it('keeps a person whose appositive has a body noun before a role or an object', () => {
    expect(names('Police detained Samir Haddad, a company commander, on Monday.')).toContain(
      'person:Samir Haddad',
    );
    expect(names('Police met Omar Bakri, a man holding a sign.')).toContain('person:Omar Bakri');
  });
});

describe('a longer name that holds a known one', () => {
  it('reads "National Defence and Security Council" as one body, not the UN Security Council', () => {
    const got = names(
      "The delegation was led by a member of the junta's National Defence and Security Council, sources said.",
    );
    expect(got).toContain('organization:National Defence and Security Council');
    expect(got).not.toContain('organization:United Nations Security Council');
  });

  it('ends a known name and a head before where the body is ("... Academy in Risalpur")', () => {
    const got = names('Cadets will study at the Pakistan Air Force Academy in Risalpur for two years.');
    expect(got).toContain('organization:Pakistan Air Force Academy');
    expect(got).not.toContain('organization:Pakistan Air Force');
  });

  it('reads a known one-word head after other capitalised words as a longer body ("World Tamil Congress")', () => {
    const got = names('Priya Nathan, a spokeswoman for the World Tamil Congress, welcomed the ruling.');
    expect(got).toContain('organization:World Tamil Congress');
    expect(got).not.toContain('organization:Congress');
    // Not a one-word name that is no head word ("Asian NATO"), nor a party after a US state.
    expect(names('Critics warned of an Asian NATO taking shape.')).toContain('organization:NATO');
  });

  it('opens a known name grown past its end where capitalised words stand before it ("Karuma Liberation Front")', () => {
    const got = names('The Karuma Liberation Front said its fighters had left the town.');
    expect(got).toContain('organization:Karuma Liberation Front');
    expect(got).not.toContain('organization:Liberation Front');
  });

  it('keeps a plural of holders after "of" in a body\'s name ("Council of Ministers")', () => {
    expect(names('The draft was approved by the Council of Ministers on Wednesday.')).toContain(
      'organization:Council of Ministers',
    );
  });
});

describe('a US body written with "US" before a form of its name', () => {
  it('reads "the US Treasury Department" as the Treasury Department, once, with its later "Treasury"', () => {
    const got = names(
      'The US Treasury Department named four tankers on Friday. Treasury officials said more would follow.',
    );
    expect(got).toEqual(['organization:Treasury Department']);
  });
});

describe('a chamber named by its head word', () => {
  it("reads \"Chamber\" as a body's head, a legislature's or a trade body's", () => {
    expect(names('The bill now goes to the Chamber of Deputies, which votes next week.')).toContain(
      'organization:Chamber of Deputies',
    );
    expect(names('The Kavango Chamber of Commerce said exports fell by a third.')).toContain(
      'organization:Kavango Chamber of Commerce',
    );
  });
});

describe('units named by an ordinal', () => {
  it('takes "Wing" and "Squadron" as a unit\'s head after an ordinal, and not alone', () => {
    const got = names(
      'An analyst at the 480th ISR Wing at Joint Base Andrews and a pilot of the 4th Fighter Squadron were charged.',
    );
    expect(got).toContain('organization:480th ISR Wing');
    expect(got).toContain('organization:4th Fighter Squadron');
    expect(names('Reporters waited outside the West Wing on Monday.')).toEqual([]);
  });
});

describe('an acronym that a state owns or whose unit acts', () => {
  it("takes an acronym after a state's possessive for an organisation, and its bare use later for the same", () => {
    const got = analyze({
      title: 'Untitled',
      text: "Two corvettes are being built by Norway's KTM under a 2025 contract. KTM said the first is due next year.",
    }).actors;
    expect(got.find((a) => a.name === 'KTM')).toMatchObject({ type: 'organization', mentions: 2 });
  });

  it('takes an acronym before a word for its unit or its members for an organisation', () => {
    expect(names('Colonel Rado, whose CORSAT unit joined the protesters, was sworn in.')).toContain(
      'organization:CORSAT',
    );
  });

  it("makes no body of an acronym for a thing after a state's possessive, nor of a kind of unit", () => {
    const got = names("Russia's GDP fell, Taiwan's ADIZ saw jets and an ISR unit flew over.");
    expect(got.filter((x) => x.startsWith('organization:'))).toEqual([]);
  });

  it("leaves a state's initials and an acronym the article defines to the actor they stand for", () => {
    expect(names('Papua New Guinea signed the pact. PNG forces will train in Queensland.')).not.toContain(
      'organization:PNG',
    );
    expect(names('The Royal Moroccan Armed Forces (FAR) said FAR units would join.')).not.toContain(
      'organization:FAR',
    );
  });
});

describe('a kind of body written after a name', () => {
  it('takes a name before "news agency", "newspaper" or "rebel group" for an organisation, without the words', () => {
    expect(names("The figures came from Iran's Farda state news agency.")).toContain('organization:Farda');
    expect(names('Officials told the Karvan newspaper on Monday.')).toContain('organization:Karvan');
    expect(names('Kinshasa says its neighbour shelters the Mbeli-Sanza rebel group.')).toContain(
      'organization:Mbeli-Sanza',
    );
  });

  it('makes no body of an adverb, a kind of chat or a group of islands', () => {
    const got = names(
      'Aid arrives from Kassala daily. Marines trained in the Keloa group and on Luzon. Staff talked in a Signal group.',
    );
    expect(got.filter((x) => x.startsWith('organization:') && x !== 'organization:US Marine Corps')).toEqual(
      [],
    );
  });
});

describe('bases and test sites', () => {
  it('names no body for a base or a test site ("Camp TURKSOM", "the Nevada National Security Site")', () => {
    const got = names(
      'Recruits trained at Camp TURKSOM in Mogadishu, and the NNSA tested parts at the Nevada National Security Site.',
    );
    expect(got).not.toContain('organization:TURKSOM');
    expect(got).not.toContain('organization:Nevada National Security Site');
  });
});

describe('a conference', () => {
  it('names no body for a conference found by a head word before it ("the NPT Review Conference")', () => {
    const got = names(
      'Delegates left the Treaty Review Conference early, and the Ocean Policy Conference closed.',
    );
    expect(got.filter((x) => x.startsWith('organization:'))).toEqual([]);
  });
});

describe('a coalition described by who leads it', () => {
  it('names no body for "the Saudi-led coalition", as the writers leave it out like "the US-led coalition"', () => {
    const got = names(
      'Jets of the Saudi-led coalition struck the port, and the US-led coalition said nothing.',
    );
    expect(got.filter((x) => x.startsWith('organization:'))).toEqual([]);
    expect(got).toContain('state:Saudi Arabia');
  });
});

describe('a state\'s "military" before a thing of its forces', () => {
  it('names the state, not the forces, for "military" before a base, a body or units', () => {
    const got = names(
      'Aid trucks waited for days, and the Israeli military body that clears them gave no reason. A Chinese military base is planned on the coast.',
    );
    expect(got).toContain('state:Israel');
    expect(got).toContain('state:China');
    expect(got).not.toContain('organization:Israel Defense Forces');
    expect(got).not.toContain("organization:People's Liberation Army");
  });

  it('keeps the forces when the military acts or rules', () => {
    expect(names('The Israeli military said it had struck a depot near the border.')).toContain(
      'organization:Israel Defense Forces',
    );
    expect(names("Myanmar's military regime called an election for December.")).toContain(
      'organization:Tatmadaw',
    );
  });
});

describe('the Democratic Party named by its adjective', () => {
  it('takes "Democratic" before members or a senator\'s title for the Democratic Party, as "Republican" is', () => {
    expect(
      names('The board in Washington lost its quorum when its two Democratic members were removed.'),
    ).toContain('organization:Democratic Party');
    expect(names('The resolution was filed by Democratic Sen. Tim Kaine of Virginia.')).toContain(
      'organization:Democratic Party',
    );
  });

  it('names no party in a story that names neither the United States nor Washington, unless a US title follows', () => {
    expect(
      names('Democratic backsliding in Hungary worried the European Union, officials in Budapest said.'),
    ).not.toContain('organization:Democratic Party');
    expect(names('Democratic Sen. Tim Kaine filed the resolution.')).toContain(
      'organization:Democratic Party',
    );
  });

  it('leaves "Democratic" inside a longer name to that name', () => {
    const got = names(
      'The Social Democratic Party met as fighting in the Democratic Republic of the Congo went on.',
    );
    expect(got).not.toContain('organization:Democratic Party');
  });
});

describe('a bare US service in a story mostly about another state', () => {
  it('takes "the Navy" acting for the US Navy when the story names the United States', () => {
    const got = names(
      'Venezuela accused the United States of piracy. Venezuelan officials said Venezuela would protect its fishermen, and Caracas recalled its envoy. The Navy has moved a carrier into the region.',
    );
    expect(got).toContain('organization:US Navy');
  });

  it('leaves a title\'s "Army chief" and another state\'s navy named before to that state', () => {
    const sudan = names(
      'Sudan rejected the plan. Sudanese officials met in Port Sudan, and the United States urged a truce. Army chief Abdel Fattah al-Burhan said Sudan would fight on.',
    );
    expect(sudan).not.toContain('organization:US Army');
    const brazil = names(
      "Brazil signed the deal with the United States. The Brazilian Navy's submarine will use fuel made in Brazil, and the Navy said Brazil would pay.",
    );
    expect(brazil).not.toContain('organization:US Navy');
  });
});

describe('a green party named by its members', () => {
  it('takes "Greens" for the story\'s state\'s green party', () => {
    expect(
      names(
        'Australia will pay for the submarines, Australian officials said in Canberra. Greens Senator Jane Rowe asked what Australia would get.',
      ),
    ).toContain('organization:Australian Greens');
    expect(
      names('Germany approved the sale, German officials said. Critics in the Greens objected to it.'),
    ).toContain('organization:Alliance 90/The Greens');
  });

  it('names no party when the story names no state with one', () => {
    expect(
      names('The Greens won two seats in the council vote.').filter((x) => x.startsWith('organization:')),
    ).toEqual([]);
  });
});

describe("the EU's Commission and Council named alone", () => {
  it('takes "the Commission" and "the Council" for the EU bodies in a story that names the EU', () => {
    const got = names(
      'The European Union delayed the talks again. The Commission said Kyiv had met the conditions, and the Council will meet in June.',
    );
    expect(got).toContain('organization:European Commission');
    expect(got).toContain('organization:Council of the European Union');
  });

  it('leaves them alone in a story that names no EU, or names another council', () => {
    expect(names('The Commission said the border was calm.')).not.toContain(
      'organization:European Commission',
    );
    expect(names('The UN Security Council met on Friday. The EU urged the Council to act.')).not.toContain(
      'organization:Council of the European Union',
    );
  });
});

describe('bodies news names by a short form', () => {
  it('takes "AFC" in "AFC/M23" for the Alliance Fleuve Congo, beside the M23', () => {
    const got = names('Kinshasa and the AFC/M23 rebel alliance signed a framework in Doha on Saturday.');
    expect(got).toContain('organization:AFC');
    expect(got).toContain('organization:M23');
    expect(
      analyze({ title: 'Untitled', text: 'The AFC/M23 alliance said it would withdraw.' }).actors[0],
    ).toMatchObject({
      id: expect.stringContaining('alliance-fleuve-congo'),
    });
  });
});

describe("a party named by its members or its adjective, the story's state's", () => {
  it("takes a party's adjective before a party role, and its members' plural, for the story's state's party", () => {
    const got = names(
      'Canada will buy twelve submarines, Canadian officials said, and Ottawa will pay for them. Conservative foreign affairs critic Maya Lund said the Liberals had hidden the cost.',
    );
    expect(got).toContain('organization:Conservative Party of Canada');
    expect(got).toContain('organization:Liberal Party of Canada');
    expect(
      names('Australia signed the treaty, and Australian diplomats praised it. Labor won the 2022 election.'),
    ).toContain('organization:Australian Labor Party');
  });

  it('takes a British party in a story about the United States that names Britain', () => {
    expect(
      names(
        'The US and Britain agreed the base would stay, US officials said, and the Pentagon welcomed it. Conservative leader Kemi Badenoch called the deal a betrayal.',
      ),
    ).toContain('organization:Conservative Party');
  });

  it('names no party by the adjective alone, nor by "Conservatives" in a story about the United States', () => {
    expect(
      names(
        'Washington widened the strikes, US officials said, and the Pentagon agreed. Conservatives who distrust federal power should object.',
      ).filter((x) => x.startsWith('organization:')),
    ).toEqual(['organization:Pentagon']);
    expect(
      names('Canada will buy the jets, Canadian officials said. Conservative estimates put the cost higher.'),
    ).toEqual(['state:Canada']);
  });
});

describe('firms named by a trade word', () => {
  it('takes a name ended by a shipping or trading word, and its legal form, for a firm, not a person', () => {
    const got = names(
      'The Treasury designated Lian Hua Maritime, Bluefin Shipmanagement and Kestrel Coast Trading FZE, and Pune-based Varda Components sold chips to Northgate Electronics.',
    );
    for (const firm of [
      'Lian Hua Maritime',
      'Bluefin Shipmanagement',
      'Kestrel Coast Trading FZE',
      'Varda Components',
      'Northgate Electronics',
    ])
      expect(got).toContain(`organization:${firm}`);
    expect(got.filter((x) => x.startsWith('person:'))).toEqual([]);
  });

  it('makes no firm of a trade word that opens a name or goes on into another', () => {
    const got = names(
      'Ships joined the Maritime Security Belt drill, and Holding Pattern, a novel, was read aloud.',
    );
    expect(got.filter((x) => x.startsWith('organization:'))).toEqual([]);
  });
});

describe("a body after 'compiled by' or 'produced by' near the end", () => {
  it('is reporting unless the credit opens its line', () => {
    const got = names(
      'Troops moved north on Monday.\n\nThe ranking fell again this year in the index compiled by Human Rights Watch, and a study produced by the Stockholm International Peace Research Institute agreed.',
    );
    expect(got).toContain('organization:Human Rights Watch');
    expect(got).toContain('organization:Stockholm International Peace Research Institute');
    expect(
      names(
        'Troops moved north on Monday.\n\nThe talks stalled.\n\nCompiled by Maya Okafor; edited by Tom Berry.',
      ),
    ).toEqual([]);
  });
});

describe("where a body's name ends", () => {
  it('ends a name before an abbreviated date and before a rank that opens a title', () => {
    expect(names('The Ministry of Health on Sept. 14 asked for more money.')).toEqual([
      'organization:Ministry of Health',
    ]);
    const got = names('The head of the Northern Fleet Vice Admiral Ana Ruiz said the ships were ready.');
    expect(got).toContain('organization:Northern Fleet');
    expect(got).toContain('person:Ana Ruiz');
    // A title after "of the" is the office's name.
    expect(names('The Office of the Prosecutor General opened a case.')).toEqual([
      'organization:Office of the Prosecutor General',
    ]);
  });
});

describe("a state's Red Cross society", () => {
  it('names a state or demonym before "Red Cross" as the national society, not the ICRC', () => {
    const got = names(
      'The Zambia Red Cross said it had sheltered 900 families, and the Danish Red Cross sent tents.',
    );
    expect(got).toContain('organization:Zambia Red Cross');
    expect(got).toContain('organization:Danish Red Cross');
    expect(got).not.toContain('organization:Red Cross');
    expect(names('The Red Cross said it had visited the prisoners.')).toEqual(['organization:Red Cross']);
  });
});

describe('an embassy or consulate written in lower case after its state', () => {
  it('names it "<Demonym> Embassy", placed in the city the article puts it in', () => {
    const got = names(
      "Police questioned a clerk. The Estonian embassy in Lisbon said it knew nothing, and Finland's embassy in Rabat said the same.",
    );
    expect(got).toContain('organization:Estonian Embassy in Lisbon');
    expect(got).toContain('organization:Finnish Embassy in Rabat');
    expect(
      names('Protesters gathered outside the Polish consulate general in Lyon on Friday, organisers said.'),
    ).toContain('organization:Polish Consulate General in Lyon');
  });

  it("gives a bare one the place the article gave its state's embassy", () => {
    const got = names(
      'A clerk of the Estonian embassy in Lisbon was expelled. The Estonian embassy said the charge was false.',
    );
    expect(got.filter((x) => x.startsWith('organization:'))).toEqual([
      'organization:Estonian Embassy in Lisbon',
    ]);
  });

  it('leaves a building, an indefinite one and "its embassy" alone', () => {
    const got = names(
      'Officials spoke of reopening the Estonian embassy there. An Estonian embassy was once planned, and Finland said its embassy would stay shut.',
    );
    expect(got.filter((x) => x.startsWith('organization:'))).toEqual([]);
  });
});

describe('a name with a connector and a tail', () => {
  it('runs a name on over a place after its connector to an acronym in brackets that names it all', () => {
    const got = names(
      'Staff of the Nordic Institute in Latvia (NIL) met the Union for Justice in the Central African Republic (UJC), and the Baltic Patrol Group in the Black Sea (BPG Black Sea) sailed.',
    );
    expect(got).toContain('organization:Nordic Institute in Latvia');
    expect(got).toContain('organization:Union for Justice in the Central African Republic');
    expect(got).toContain('organization:Baltic Patrol Group in the Black Sea');
    // A known name grown by words before it ("Naval Group" is a shipbuilder's).
    expect(
      names('Divers of the Harbour Clearance Naval Group in the Baltic Sea (HCNG Baltic) trained.'),
    ).toContain('organization:Harbour Clearance Naval Group in the Baltic Sea');
    // No acronym: where the body is, not its name.
    expect(names('The Nordic Institute in Riga said the talks were useful.')).toContain(
      'organization:Nordic Institute',
    );
  });

  it('joins words with "and" after "of the", "for the" or "on the" as after "of", "for" or "on"', () => {
    expect(
      names('The Oversight Board on the Intelligence and Security Services, a watchdog, said so.'),
    ).toEqual(['organization:Oversight Board on the Intelligence and Security Services']);
  });
});

describe('"and" near the start of a name', () => {
  it('joins a word the gazetteer does not know, opened by "the" or a possessive, to the name after "and"', () => {
    const got = names(
      "Two pilots of the navy's Diving and Special Rescue Command were charged, according to the Print and Digital Studies Association, and the National Counterpiracy and Maritime Center lost staff.",
    );
    expect(got).toContain('organization:Diving and Special Rescue Command');
    expect(got).toContain('organization:Print and Digital Studies Association');
    expect(got).toContain('organization:National Counterpiracy and Maritime Center');
    // Two places before a lower-case noun are no body.
    expect(names('Floods hit the Artibonite and Centre departments.')).toEqual([]);
  });

  it("keeps a trade word before 'and' and a body's name inside that name, not a firm of its own", () => {
    expect(names('The Danish Trading and Freight Association said its members had stopped.')).toContain(
      'organization:Danish Trading and Freight Association',
    );
    const got = names('The Treasury listed Hai Xing Trading and Golden Harbor Shipping on Friday.');
    expect(got).toContain('organization:Hai Xing Trading');
    expect(got).toContain('organization:Golden Harbor Shipping');
  });
});

describe("a known body's arm in a state, named with the state", () => {
  it('names a company, an outlet or a charity followed by a state as its arm there', () => {
    const got = names(
      'The navy paid BAE Systems Australia more than planned, and the staff of Sputnik Azerbaijan, a news agency, were held.',
    );
    expect(got).toContain('organization:BAE Systems Australia');
    expect(got).toContain('organization:Sputnik Azerbaijan');
    expect(got).not.toContain('organization:BAE Systems');
  });

  it('leaves a state that opens a clause, an acronym before a state and the tail of a longer name', () => {
    const got = names(
      'The minister told Reuters Ukraine would need more, and BAE Systems Australia said little. New EU Russia sanctions came, aimed at the Tehrik-i-Taliban Pakistan.',
    );
    expect(got).toContain('organization:Reuters');
    expect(got).toContain('state:Ukraine');
    expect(got).toContain('organization:EU');
    expect(got).toContain('organization:BAE Systems Australia');
    expect(got.filter((x) => x === 'organization:Taliban Pakistan' || x.includes('Reuters Ukraine'))).toEqual(
      [],
    );
  });
});

describe('where a name starts', () => {
  it('opens a name with a rank right before its head when the name goes on past "of" or "for"', () => {
    expect(names('The Executive Council of Welsh Anglers said the rules were unfair.')).toEqual([
      'organization:Executive Council of Welsh Anglers',
    ]);
    expect(names('The plan was drafted by the General Directorate for Coastal Planning in March.')).toContain(
      'organization:General Directorate for Coastal Planning',
    );
    // Not before a known body's name: a title of the publication, no body.
    expect(names('The acts were published in the Official Journal of the EU.')).not.toContain(
      'organization:Official Journal',
    );
  });

  it('opens a name where the acronym in brackets after it says, a few words before the head rule did', () => {
    const got = names(
      'Talks with the Sudan Opposition Reform Movements Alliance (SORMA) resumed, and jets of the Republic of Singapore Air Force (RSAF) flew over.',
    );
    expect(got).toContain('organization:Sudan Opposition Reform Movements Alliance');
    expect(got).toContain('organization:Republic of Singapore Air Force');
  });
});

describe('a plural of people before a head, with its apostrophe', () => {
  it('opens the name when the article also writes the plural in lower case', () => {
    const got = names(
      "Two reporters were held. Members of the Reporters' Association of Ruritania attended, and the Danish Dockers' Union said its dockers would strike.",
    );
    expect(got).toContain("organization:Reporters' Association of Ruritania");
    expect(got).toContain("organization:Danish Dockers' Union");
  });

  it("leaves a body's possessive before another body's name", () => {
    const got = names("Orders went to Halvard Industries' Kestrel Shipyard Group, the statement said.");
    expect(got.filter((x) => x.includes("Industries'"))).toEqual([]);
  });
});

describe('a name a cue names, over "on"', () => {
  it('runs on over "on" to a word that is no day, month or state', () => {
    expect(
      names('Critics, including the campaign group Sunlight on Bribery, say the sums are small.'),
    ).toEqual(['organization:Sunlight on Bribery']);
    expect(names('The campaign group Sunlight on Monday said the sums are small.')).toEqual([
      'organization:Sunlight',
    ]);
  });
});

describe("a member's title after a party", () => {
  it('ends the party\'s name before "Member of"', () => {
    const got = names('The Green Unity Front Member of Parliament Ana Lopes said no.');
    expect(got).toContain('organization:Green Unity Front');
    expect(got).toContain('person:Ana Lopes');
  });
});

describe("an office named by its holder's title", () => {
  it("keeps the title's rank and the place before it", () => {
    expect(names("Police said the Izmir Chief Public Prosecutor's Office opened the case.")).toEqual([
      "organization:Izmir Chief Public Prosecutor's Office",
    ]);
  });
});

describe('a slash inside a name and a title after "of"', () => {
  it("keeps a slash written without spaces inside a name, in the head rule and the article's form", () => {
    const got = names(
      'Reporters from RFE/RL were freed, and the National Clearance Authority for UXO/Mine Action, the state body, said so.',
    );
    expect(got).toContain('organization:RFE/RL');
    expect(got).toContain('organization:National Clearance Authority for UXO/Mine Action');
  });

  it('ends a body\'s name before a title\'s first words after "of" and a person', () => {
    const got = names('The Cabinet of Prime Minister Ana Lopes approved the budget.');
    expect(got).toContain('person:Ana Lopes');
    expect(got.filter((x) => x.includes('Prime'))).toEqual([]);
    expect(names('The Ministry of Defence Minister Ana Lopes said so.')).toContain(
      'organization:Ministry of Defence',
    );
  });
});

describe("a place word opening a body's name", () => {
  it('reads "Port" or "Lake" and words up to a body\'s head as the body, not a place', () => {
    expect(names('Ships were warned by the Harbour and Port Authority of Ruritania on Monday.')).toContain(
      'organization:Harbour and Port Authority of Ruritania',
    );
    expect(names('The Lake Volta Basin Commission met in the capital.')).toEqual([
      'organization:Lake Volta Basin Commission',
    ]);
    expect(names('The ship docked at Port Harcourt on Monday.')).toEqual([]);
  });
});

describe("a place's ministry in lower case with a possessive", () => {
  it('names it "<Place> <Department> Ministry", as "the health ministry in Gaza" is named', () => {
    expect(names("At least 40 people were killed, Gaza's health ministry said.")).toContain(
      'organization:Gaza Health Ministry',
    );
    // A body's possessive is no place's.
    expect(names("Hamas's health ministry said so.")).not.toContain('organization:Hamas Health Ministry');
  });
});

describe("a known body written with its place's possessive", () => {
  it('is the known body "<Place> X", in lower case only when it speaks', () => {
    expect(names("At least 14 people died, Gaza's Civil Defence says.")).toContain(
      'organization:Gaza Civil Defence',
    );
    expect(names("Gaza's civil defence said 44 were killed.")).toContain('organization:Gaza Civil Defence');
    expect(names("He was named head of Tigray's interim administration in March.")).not.toContain(
      'organization:Tigray Interim Administration',
    );
  });
});

describe('"and" before a state\'s word', () => {
  it("does not join a state's word alone before a lower-case noun to the name", () => {
    const got = names('The pact provides for patrols by the Guardia Civil and Mauritanian patrol boats.');
    expect(got).toContain('organization:Guardia Civil');
    expect(got).toContain('state:Mauritania');
    expect(got.filter((x) => x.includes('Civil and'))).toEqual([]);
  });
});

describe('the outlet that published the article', () => {
  const withOutlet = (text: string, outlet?: string) =>
    analyze({ title: 'Untitled', text, outlet }).actors.map((a) => `${a.type}:${a.name}`);

  it('is a body where the article names it in full, as the outlet is named', () => {
    const text = 'Two officials told the Kestrel Ledger that the convoy had turned back at the border.';
    expect(withOutlet(text, 'The Kestrel Ledger')).toContain('organization:The Kestrel Ledger');
  });

  it('is a body by its short name only where it reports, as the article writes it', () => {
    const text =
      'The minister arrived in Tarvo on Monday. Officials said the accord was close, Morrow learned from two sources.';
    expect(withOutlet(text, 'Morrow Online')).toContain('organization:Morrow');
    // Without the outlet the same word is nobody's name; a short name outside a report is not it.
    expect(withOutlet(text)).not.toContain('organization:Morrow');
    const place = 'Talks between Morrow and the capital stalled on Monday, officials said.';
    expect(withOutlet(place, 'Morrow Online')).not.toContain('organization:Morrow');
  });

  it('takes a one-word name with its own "The" inside a sentence, but not a demonym in another sense', () => {
    const cited =
      'Three journalists, among them a reporter for The Valdivian, said their phones were tapped.';
    expect(withOutlet(cited, 'The Valdivian')).toContain('organization:The Valdivian');
    const army = 'The Valdivian army said on Monday that the Valdivian navy would join the drill.';
    expect(withOutlet(army, 'The Valdivian')).not.toContain('organization:The Valdivian');
  });

  it('is not counted in the dateline that names it as the agency', () => {
    const text = 'TARVO, JULY 21, MORROW PRESS. The joint exercise began on Monday with 400 troops.';
    expect(withOutlet(text, 'Morrow Press')).not.toContain('organization:Morrow Press');
    expect(
      withOutlet('TARVO (Morrow Press) - The joint exercise began on Monday.', 'Morrow Press'),
    ).not.toContain('organization:Morrow Press');
    // Named in the story itself, it is reporting.
    expect(
      withOutlet(`${text} Officers told Morrow Press the drill would last a week.`, 'Morrow Press'),
    ).toContain('organization:Morrow Press');
  });

  it('ignores an outlet given as a domain', () => {
    const text = 'A spokesman told news.example.org that the drill was over.';
    expect(withOutlet(text, 'news.example.org').filter((x) => x.includes('example'))).toEqual([]);
  });
});

describe("a currency's code before an amount", () => {
  it('is not the body its three letters also stand for', () => {
    const got = names('The budget includes NIS 112 billion for the army, officials said on Monday.');
    expect(got.filter((x) => x.endsWith(':NIS'))).toEqual([]);
    expect(names('Officers of the NIS questioned him for six hours.')).toContain('organization:NIS');
  });
});
