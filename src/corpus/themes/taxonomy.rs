//! The built-in taxonomy of broad policy themes, written for this project,
//! and optional packs for one country's speech (`PACKS`, added to a corpus
//! that fits them).
//!
//! Each theme has a stable id (used by `themes.toml` to replace it), a label a
//! reader recognises, and 15-40 indicative terms: single words and a few
//! two-word phrases, written as a person would write them. They are stemmed at
//! load with the shared vocabulary (`labels::ThemeSet::compile`), so "police",
//! "policing" and "policemen" need not all be listed. Terms were chosen to be
//! specific to their theme in political speech: words that every speech uses
//! ("development", "state", "support") are left out, and ambiguous words are
//! given as phrases ("public safety", not "safety").

/// Where a theme label comes from; hovers say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LabelSource {
    /// The taxonomy in this file.
    BuiltIn,
    /// The corpus folder's `themes.toml`.
    ThemesToml,
    /// A `#tag` on an INDEX.md entry, learned from the tagged speeches.
    IndexTag,
}

impl LabelSource {
    /// How hovers name the source.
    pub fn describe(self) -> &'static str {
        match self {
            LabelSource::BuiltIn => "built-in",
            LabelSource::ThemesToml => "themes.toml",
            LabelSource::IndexTag => "INDEX.md tag",
        }
    }
}

/// A theme before stemming: what the taxonomy or `themes.toml` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeDef {
    /// Stable identifier, e.g. `"cybercrime"`.
    pub id: String,
    /// What readers see, e.g. `"Cybercrime and IT crime"`.
    pub label: String,
    /// Indicative words and short phrases, as written.
    pub terms: Vec<String>,
    pub source: LabelSource,
}

/// The built-in themes, in a fixed order: broad policy themes of political
/// speech anywhere (parliaments, assemblies, heads of state), not of one
/// country.
pub fn built_in_themes() -> Vec<ThemeDef> {
    parse_themes(BUILT_IN)
}

/// An optional pack of themes for the speech of one country or body: themes
/// of its own, and terms of its own for the built-in themes (a pack's theme
/// with a built-in id adds its terms to that theme).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pack {
    pub id: &'static str,
    /// A corpus fits the pack when at least `fit_share` of its speeches use
    /// one of these words (e.g. the name of the country's president).
    pub markers: &'static [&'static str],
    pub fit_share: f64,
    themes: &'static str,
}

impl Pack {
    pub fn themes(&self) -> Vec<ThemeDef> {
        parse_themes(self.themes)
    }
}

/// The packs a corpus may get by fit (see `analysis::ThemeContext::build`).
pub const PACKS: &[Pack] =
    &[Pack { id: "russia", markers: &["Putin", "Kremlin", "Medvedev", "Duma"], fit_share: 0.25, themes: RUSSIA }];

/// `themes` with each pack's themes merged in: terms of a pack theme whose
/// id is already there are added to it, other pack themes are appended.
pub fn with_packs(themes: &[ThemeDef], packs: &[&Pack]) -> Vec<ThemeDef> {
    let mut out = themes.to_vec();
    for pack in packs {
        for theme in pack.themes() {
            match out.iter_mut().find(|t| t.id == theme.id) {
                Some(existing) => existing.terms.extend(theme.terms),
                None => out.push(theme),
            }
        }
    }
    out
}

fn parse_themes(text: &str) -> Vec<ThemeDef> {
    text.split("\n\n").filter_map(parse_theme_paragraph).collect()
}

/// Reads one paragraph of [`BUILT_IN`]; `None` for a malformed one (the test
/// below makes sure there is none).
fn parse_theme_paragraph(paragraph: &str) -> Option<ThemeDef> {
    let paragraph = paragraph.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut fields = paragraph.splitn(3, '|').map(str::trim);
    let (id, label, terms) = (fields.next()?, fields.next()?, fields.next()?);
    let terms: Vec<String> = terms.split(',').map(str::trim).filter(|t| !t.is_empty()).map(String::from).collect();
    (!id.is_empty() && !label.is_empty()).then(|| ThemeDef {
        id: id.to_string(),
        label: label.to_string(),
        terms,
        source: LabelSource::BuiltIn,
    })
}

/// One theme per paragraph: `id | label |` then terms separated by commas,
/// wrapped freely. Kept as text so that the list reads like a glossary.
/// "War" belongs to defence, never to history: a message about a war is
/// about the war.
const BUILT_IN: &str = "
defence | Defence and war | war, wars, warfare, army, armies, armed forces, military, defence, defense, troops,
soldier, soldiers, navy, naval, fleet, air force, combat, battle, enemy, hostilities, invasion, militia, veterans,
weapons, missile, officers and men, servicemen, conscription, draft, warship, deterrence, victory over, campaign
against, national security, war effort, theater of war

foreign_policy | Foreign affairs and diplomacy | foreign policy, foreign affairs, foreign relations, diplomacy,
diplomatic, ambassador, envoy, minister plenipotentiary, treaty, treaties, negotiations, bilateral, summit,
neutrality, friendly relations, foreign powers, foreign governments, legation, consul, alliance, allies, good
offices, sanctions, European Union, NATO

trade | Trade and tariffs | trade, commerce, commercial, tariff, tariffs, duties, customs, imports, exports,
exported, imported, reciprocity, free trade, protective tariff, protectionism, trade agreement, merchant, merchants,
shipping, navigation, markets abroad, balance of trade, most favored nation, trade barriers, World Trade
Organization, dumping

finance | Public finance and currency | treasury, revenue, revenues, expenditure, expenditures, budget, deficit,
surplus, public debt, national debt, taxation, taxes, tax, income tax, appropriations, currency, coinage, coin,
gold, silver, specie, bank, banking, bonds, loans, credit, interest rates, fiscal, monetary, inflation, exchange rate,
legal tender, greenbacks, sinking fund

economy | Economy and growth | economy, economic growth, prosperity, depression, recession, GDP, gross domestic
product, productivity, business cycle, economic policy, market economy, growth rate, economic crisis, panic,
prices, cost of living, economic recovery, output, competitiveness, economic situation, structural reforms

business | Business and industry | business, businesses, industry, industries, industrial, manufactures,
manufacturing, manufacturers, factory, factories, corporation, corporations, trusts, monopoly, monopolies,
enterprise, entrepreneurs, small business, investment, investors, competition, railroad corporations, antitrust

labour | Labour and employment | labor, labour, workers, workingmen, wages, employment, unemployment, jobs,
employers, employees, trade unions, labor unions, strike, strikes, working conditions, hours of labor, minimum wage,
workforce, labor market, job training, collective bargaining, child labor

agriculture | Agriculture and food | agriculture, agricultural, farmer, farmers, farm, farms, farming, crops, crop,
harvest, grain, wheat, corn, cotton, livestock, cattle, soil, irrigation, rural, food, food security, famine,
hunger, dairy, fisheries, tobacco

health | Health and medicine | health, healthcare, health care, hospital, hospitals, doctor, doctors, medical,
medicine, patient, patients, disease, diseases, epidemic, pandemic, vaccine, vaccination, HIV, AIDS, malaria,
tuberculosis, cholera, infection, nurses, Medicare, Medicaid, public health, life expectancy, COVID

education | Education and schools | education, educational, school, schools, teacher, teachers, university,
universities, college, colleges, student, students, pupils, literacy, illiteracy, curriculum, learning, scholarship,
vocational, higher education, public schools, academy, tuition

environment | Environment and climate | environment, environmental, climate, climate change, global warming,
emissions, pollution, conservation, forest, forests, deforestation, biodiversity, ozone, greenhouse, carbon,
desertification, sea level, oceans, wildlife, natural resources, sustainable, ecology, ecological, Paris
Agreement, Kyoto

energy | Energy | energy, oil, petroleum, gas, natural gas, coal, electricity, electric power, nuclear power,
power plant, pipeline, fuel, fuels, OPEC, renewable, solar, hydroelectric, energy crisis, energy security,
gasoline, refinery, barrels

infrastructure | Infrastructure and transport | infrastructure, roads, road, highway, highways, railroad,
railroads, railway, railways, canal, canals, bridges, harbors, harbours, ports, internal improvements, transport,
transportation, aviation, airports, post office, postal, telegraph, public works, waterways

migration | Immigration and migration | immigration, immigrants, immigrant, emigration, migrants, migration,
refugees, refugee, asylum, naturalization laws, citizenship, aliens, border, borders, deportation, visa, visas,
displaced persons, Chinese exclusion, undocumented

civil_rights | Civil rights and equality | civil rights, equal rights, equality, discrimination, segregation,
desegregation, voting rights, suffrage, women's rights, equal opportunity, equal protection, minorities,
gender equality, empowerment of women, right to vote, affirmative action, freedmen, emancipation

indigenous | Indigenous peoples | Indian, Indians, Indian tribes, tribes, tribe, tribal, reservation,
reservations, Native American, Native Americans, indigenous, indigenous peoples, Cherokee, Sioux, Seminole,
Creek, chiefs, aborigines, Aboriginal, First Nations, Indian affairs

decolonisation | Decolonisation and self-determination | colonialism, colonial, colonies, colony,
decolonization, decolonisation, self-determination, independence, trust territory, trust territories,
trusteeship, non-self-governing, liberation movements, imperialism, imperialist, neo-colonialism, colonial
peoples, Namibia, national liberation

apartheid | Apartheid and racism | apartheid, racism, racist, racial discrimination, racial, South Africa,
Pretoria, segregation, white minority, Bantustans, Rhodesia, majority rule, Mandela, xenophobia, race relations,
racial equality, colour bar

disarmament | Disarmament and arms control | disarmament, arms control, arms race, nuclear weapons, atomic
weapons, non-proliferation, proliferation, test ban, nuclear tests, warheads, chemical weapons, biological
weapons, weapons of mass destruction, missiles, arms limitation, SALT, nuclear-weapon-free, denuclearization

development | Development and debt | developing countries, developing nations, least developed, poverty,
external debt, debt burden, debt relief, debt crisis, foreign aid, development assistance, official development
assistance, industrialized countries, North-South, new international economic order, commodity prices, Millennium
Development Goals, sustainable development, underdevelopment, donor countries, World Bank, International Monetary
Fund, terms of trade, economic development

human_rights | Human rights | human rights, fundamental freedoms, dignity, torture, political prisoners,
persecution, Universal Declaration, freedom of expression, freedom of speech, civil liberties, rule of law,
genocide, crimes against humanity, impunity, humanitarian law, human rights violations, repression

terrorism | Terrorism and extremism | terrorism, terrorist, terrorists, counter-terrorism, extremism, extremist,
extremists, radicalization, militants, hostage, hostages, hijacking, bombing, al-Qaida, al-Qaeda, ISIS, Daesh,
Taliban, suicide bombers, terror

middle_east | The Middle East | Middle East, Israel, Israeli, Palestine, Palestinian, Palestinians, Gaza, West
Bank, Jerusalem, Arab, Arabs, Zionism, Zionist, occupied territories, Lebanon, Syria, Iraq, Iran, Golan,
Camp David, two-State solution, Persian Gulf

religion | Religion and faith | religion, religious, church, churches, faith, God, Almighty, Providence, prayer,
Christian, Christianity, Islam, Muslim, Muslims, Jewish, Buddhist, clergy, spiritual, believers, worship,
freedom of religion, interfaith

science | Science and space | science, scientific, scientists, research, researchers, laboratory, laboratories,
space, spacecraft, astronauts, satellite, satellites, rocket, moon, exploration, discovery, inventions, patents,
physics, National Science Foundation, space station

technology | Technology and the internet | technology, technologies, technological, digital, internet, online,
computer, computers, software, artificial intelligence, information technology, telecommunications, broadband,
innovation, innovative, high-tech, cyber, cybersecurity, data, electronic, social media

slavery | Slavery | slavery, slave, slaves, slaveholders, slave trade, abolition, abolitionists, emancipation,
fugitive slaves, bondage, servitude, involuntary servitude, free states, slave states, African slave trade

public_lands | Public lands | public lands, public domain, land office, homestead, homesteads, settlers,
surveys, surveyed, acres, preemption, land grants, public surveys, frontier settlements, western lands, General
Land Office, national parks, forest reserves

crime | Crime and policing | crime, crimes, criminal, criminals, police, policing, public safety, law
enforcement, drug trafficking, drugs, narcotics, offenders, prison, prisons, punishment, murder, fraud, theft,
organised crime, organized crime, corruption, bribery, gangs, violence

law | Law and the courts | law, laws, legal, court, courts, judge, judges, judicial, judiciary,
justice, constitution, constitutional, Supreme Court, statute, statutes, amendment, amendments, attorney,
jurisdiction, litigation, lawyers, jury, trial

social | Social policy and welfare | pension, pensions, pensioners, social security, welfare, social services,
benefits, poverty, the poor, disabled, disability, retirement, elderly, aged, social insurance, unemployment
insurance, food stamps, safety net, social protection, social welfare

housing | Housing and cities | public housing, affordable housing, housing shortage, housing program, home
ownership, homeowners, mortgage, mortgages, rent, rents, tenants, slums, slum clearance, urban, urban renewal,
homelessness, homeless, neighborhoods, inner cities, metropolitan, suburbs

family | Family and population | family, families, demographic, demography, birth rate, population,
mothers, mother, marriage, parents, children, childhood, fertility, maternity, infant mortality, aging, youth,
young people, child care

culture | Culture and the arts | culture, cultural, museum, museums, theatre, theater, library, libraries, art,
arts, artist, artists, music, cinema, film, literature, writers, heritage, cultural heritage, language,
languages, humanities, UNESCO

sport | Sport | sport, sports, athlete, athletes, Olympic, Olympics, Paralympic, championship, football, hockey,
World Cup, medal, medals, coach, stadium, physical education, doping, Olympic Games, tournament

politics | Elections and democracy | election, elections, vote, voting, voters, political party, parties,
candidate, candidates, electoral, ballot, ballots, parliament, parliamentary, democracy, democratic,
referendum, multiparty, opposition, campaign finance, representative government, franchise

history | History and memory | history, historical, memory, memorial, anniversary, centennial, bicentennial,
heroes, heroism, ancestors, forefathers, founders, Founding Fathers, commemorate, commemoration, descendants,
legacy, tradition, traditions, Holocaust, Nazism, fascism, remembrance

united_nations | The United Nations | United Nations, General Assembly, Security Council, Secretary-General,
peacekeeping, peace-keeping, peacekeepers, specialized agencies, multilateralism, multilateral, reform of the
Security Council, veto, Economic and Social Council, permanent members, blue helmets, UN system, revitalization
";

/// Russian policy: the terms of kremlin.ru transcripts for the built-in
/// themes, and three themes of their own.
const RUSSIA: &str = "
economy | Economy and growth | import substitution, trade turnover, diversification, economic situation

finance | Public finance and currency | ruble, rubles, rouble, roubles, billion rubles, trillion rubles, Central
Bank, reserve fund, VAT, customs duties, federal budget

business | Business and industry | machine building, metallurgy, shipbuilding, defence industry, business
climate, investment climate, administrative barriers, red tape, privatisation

crime | Crime and policing | Interior Ministry, investigators, investigation, prosecutor, solve crimes, police
officers, inevitability of punishment, illegal

defence | Defence and war | Defence Ministry, General Staff, military service, strategic forces, armament,
military personnel, military exercises

foreign_policy | Foreign affairs and diplomacy | BRICS, SCO, CIS, Eurasian, Eurasian Economic Union, G20,
partnership, cooperation, held talks, bilateral talks, delegation

energy | Energy | Gazprom, Rosneft, Rosatom, Nord Stream, LNG, hydrocarbons, gas supplies, energy sector

infrastructure | Infrastructure and transport | Russian Railways, Northern Sea Route, logistics, motorway,
seaport, metro, freight, passenger

science | Science and space | Academy of Sciences, Roscosmos, Vostochny, cosmonaut, cosmonauts, rocket launch,
fundamental research

religion | Religion and faith | Orthodox, Russian Orthodox Church, Patriarch, mosque, confessions, monastery

history | History and memory | Great Patriotic War, Victory Day, Leningrad, Stalingrad, siege, fallen

politics | Elections and democracy | United Russia, Central Election Commission, State Duma, deputies

social | Social policy and welfare | maternity capital, child allowance, social payments, low-income

family | Family and population | large families, birth rate, newborn, child benefit

law | Law and the courts | State Duma, Federation Council, Constitutional Court, rule of law

human_rights | Human rights | Civic Chamber, ombudsman, NGOs, non-profit, volunteers, civil society, rallies,
protests, unauthorised

sport | Sport | Sochi

regions | Regions and local government | region, regions, regional, governor, governors, municipal,
municipalities, local government, local authorities, federal district, Far East, Siberia, Arctic, territory,
North Caucasus, Crimea, Sevastopol, Kaliningrad, mayor, regional heads, constituent entities

cybercrime | Cybercrime and IT crime | cybercrime, cybercrimes, IT crime, IT crimes, cyberattack, cyber security,
hacker, hacking, malware, phishing, online fraud, information security, digital crime, computer crime,
e-commerce, online services, mobile providers, criminals online

internet_content | Internet content and media law | social networks, internet resources, content, prohibited
content, block, blocking, websites, website, mass media, journalist, journalists, censorship, disinformation,
fake news, dissemination, owners and providers, broadcasting, bloggers, exchange of information
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_add_terms_to_built_in_themes_and_themes_of_their_own() {
        let built_in = built_in_themes();
        let russia = PACKS.iter().find(|p| p.id == "russia").expect("the Russian pack");
        let merged = with_packs(&built_in, &[russia]);
        let finance = |themes: &[ThemeDef]| themes.iter().find(|t| t.id == "finance").map(|t| t.terms.clone());
        assert!(finance(&merged).is_some_and(|t| t.contains(&"ruble".to_string())));
        assert!(finance(&built_in).is_some_and(|t| !t.contains(&"ruble".to_string())));
        assert!(merged.iter().any(|t| t.id == "regions") && !built_in.iter().any(|t| t.id == "regions"));
        // "War" is defence's, not history's.
        let terms_of = |id: &str| built_in.iter().find(|t| t.id == id).map(|t| t.terms.clone()).unwrap_or_default();
        assert!(terms_of("defence").contains(&"war".to_string()) && !terms_of("history").contains(&"war".to_string()));
    }

    #[test]
    fn built_in_themes_are_unique_and_well_sized() {
        let themes = built_in_themes();
        assert!((20..=40).contains(&themes.len()), "{} themes", themes.len());
        for (i, theme) in themes.iter().enumerate() {
            assert!(themes[..i].iter().all(|t| t.id != theme.id), "duplicate id {}", theme.id);
            assert!((15..=40).contains(&theme.terms.len()), "{} has {} terms", theme.id, theme.terms.len());
            assert_eq!(theme.source, LabelSource::BuiltIn);
        }
    }
}
