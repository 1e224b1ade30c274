import { describe, expect, it } from 'vitest';
import { analyze } from '../../../lambdas/analysis/index';

const orgs = (text: string) =>
  analyze({ title: 'Untitled', text })
    .actors.filter((a) => a.type === 'organization')
    .map((a) => a.name);

// Real bodies that fresh wire copy names, added by class (docs/analysis.md, "Gazetteer growth, fifth round").
describe('the gazetteer by class, world-wide', () => {
  it('knows national news agencies and papers of Africa, Asia and Latin America', () => {
    const got = orgs(
      'The Somali National News Agency said the convoy was ambushed, while Agence Ivoirienne de Presse and Pakistan Press International carried the ministry statement. Ada Derana and Tuoi Tre ran the same figures.',
    );
    expect(got).toEqual(
      expect.arrayContaining([
        'Somali National News Agency',
        'Agence Ivoirienne de Presse',
        'Pakistan Press International',
        'Ada Derana',
        'Tuoi Tre',
      ]),
    );
  });

  it('knows chambers of parliament by their own names', () => {
    const got = orgs(
      'The bill passed the Amyotha Hluttaw last year, and the Wolesi Jirga never sat again. In Pretoria, the National Council of Provinces approved the deployment.',
    );
    expect(got).toEqual(
      expect.arrayContaining(['Amyotha Hluttaw', 'Wolesi Jirga', 'National Council of Provinces']),
    );
  });

  it('knows parties of South-East Asia, Sudan and the Baltics by names with no party word', () => {
    const got = orgs(
      'Akbayan and Makabayan walked out of the session, Perikatan Nasional abstained, and Taqaddum and Dawn of Nemunas issued statements of their own.',
    );
    expect(got).toEqual(
      expect.arrayContaining(['Akbayan', 'Makabayan', 'Perikatan Nasional', 'Taqaddum', 'Dawn of Nemunas']),
    );
  });

  it('knows security services, police and border guards', () => {
    const got = orgs(
      'Officers of the Nigerian Security and Civil Defence Corps guarded the pipeline. Border Guard Bangladesh reported a shooting, and Densus 88 arrested two men in Solo.',
    );
    expect(got).toEqual(
      expect.arrayContaining([
        'Nigerian Security and Civil Defence Corps',
        'Border Guard Bangladesh',
        'Densus 88',
      ]),
    );
  });

  it('knows armed groups active since 2020', () => {
    const got = orgs(
      'Fighters of the Ta\u2019ang allies and the Democratic Karen Buddhist Army clashed near the border, while the Bangsamoro Islamic Freedom Fighters and Raia Mutomboki were blamed for separate raids.',
    );
    expect(got).toEqual(
      expect.arrayContaining([
        'Democratic Karen Buddhist Army',
        'Bangsamoro Islamic Freedom Fighters',
        'Raia Mutomboki',
      ]),
    );
  });

  it('knows arms makers and shipyards', () => {
    const got = orgs(
      'Garden Reach Shipbuilders launched the corvette, Nurol Makina will build the armoured cars, and Yugoimport SDPR signed with Sloboda Čačak for shells.',
    );
    expect(got).toEqual(
      expect.arrayContaining(['Garden Reach Shipbuilders', 'Nurol Makina', 'Sloboda Čačak']),
    );
  });

  it('knows regional bodies, initiatives and research outfits with no body word', () => {
    const got = orgs(
      'Ministers of BIMSTEC met in Dhaka; officers of the Accra Initiative shared intelligence on the border, and InSight Crime traced the shipment.',
    );
    expect(got).toEqual(expect.arrayContaining(['BIMSTEC', 'Accra Initiative', 'InSight Crime']));
  });
  it('knows papers of Eastern Europe and gangs and armed groups of Latin America and Syria named side by side', () => {
    const got = orgs(
      'Nezavisimaya Gazeta said Ahrar al-Sharqiya had moved north. In Guayaquil, Chone Killers and Terceiro Comando Puro were both named in the indictment.',
    );
    expect(got).toEqual(
      expect.arrayContaining([
        'Nezavisimaya Gazeta',
        'Ahrar al-Sharqiya',
        'Chone Killers',
        'Terceiro Comando Puro',
      ]),
    );
    expect(got).not.toContain('Chone Killers and Terceiro Comando Puro');
  });

  it('knows hacking groups and rights groups by names with no body word', () => {
    const got = orgs(
      'Predatory Sparrow claimed the hack of the exchange, Charming Kitten was blamed for the phishing wave, and Foro Penal counted the detainees.',
    );
    expect(got).toEqual(expect.arrayContaining(['Predatory Sparrow', 'Charming Kitten', 'Foro Penal']));
  });
  it('knows state firms, plants and yards that sanctions and strike reports name', () => {
    const got = orgs(
      'Drones struck the Sevastopol Marine Plant, and Severnaya Verf delayed the frigate. Barnaul Cartridge Plant and Sozvezdie were added to the list, while Petroecuador and Cham Wings were spared.',
    );
    expect(got).toEqual(
      expect.arrayContaining([
        'Sevastopol Marine Plant',
        'Severnaya Verf',
        'Barnaul Cartridge Plant',
        'Sozvezdie',
        'Petroecuador',
        'Cham Wings',
      ]),
    );
  });
  it('knows parties and alliances of Africa, the Caucasus and Central Asia named without a party word', () => {
    const got = orgs(
      'Kenya Kwanza held the vote, Lamuka boycotted it, and Waddani and Kulmiye traded accusations. Ata-Meken, Girchi and Musavat called for observers, and Meretz joined the protest.',
    );
    expect(got).toEqual(
      expect.arrayContaining([
        'Kenya Kwanza',
        'Lamuka',
        'Waddani',
        'Kulmiye',
        'Ata-Meken',
        'Girchi',
        'Musavat',
        'Meretz',
      ]),
    );
  });
  it('knows papers and channels of the Levant, Iran, Israel and Turkey', () => {
    const got = orgs(
      'Zaman al-Wasl and North Press Agency reported the raid first; Ham-Mihan and Makor Rishon ran editorials, and BirGün quoted the mayor.',
    );
    expect(got).toEqual(
      expect.arrayContaining(['Zaman al-Wasl', 'North Press Agency', 'Ham-Mihan', 'Makor Rishon', 'BirGün']),
    );
  });
});
