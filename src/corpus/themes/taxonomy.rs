//! The built-in taxonomy of broad policy themes, written for this project.
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

/// The built-in themes, in a fixed order.
pub fn built_in_themes() -> Vec<ThemeDef> {
    BUILT_IN.split("\n\n").filter_map(parse_theme_paragraph).collect()
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
const BUILT_IN: &str = "
economy | Economy and growth | economy, economic growth, GDP, inflation, recession, macroeconomic, labour
productivity, unemployment rate, economic policy, market economy, growth rate, crisis, export, trade turnover,
competitiveness, economic situation, diversification, structural reforms, exports

finance | Finance and banking | bank, banking, credit, loan, mortgage, interest rate, Central Bank, ruble, rouble,
currency, exchange rate, financial, investor, stock market, capital, debt, liquidity, deposit, insurance, lending,
financial market

budget | Budget and taxes | budget, tax, taxation, taxpayer, federal budget, budget deficit, revenue, expenditure,
spending, VAT, customs duties, fiscal, allocate, billion rubles, trillion rubles, subsidy, funding, treasury,
reserve fund

business | Business and investment | business, entrepreneur, entrepreneurship, small business, investment, investor,
private, company, companies, enterprise, startup, business climate, investment climate, red tape, administrative
barriers, privatisation, competition, corporate, shareholder

industry | Industry and manufacturing | industry, industrial, manufacturing, plant, factory, industrial production,
machine building, engineering, metallurgy, shipbuilding, aircraft, automobile, chemical industry, import
substitution, defence industry, industrial output, manufacturer, assembly, workshop, manufacturing industry

crime | Crime, policing and public safety | crime, criminal, police, policing, public safety, public order, law
enforcement, Interior Ministry, investigation, investigator, offence, offender, prosecutor, corruption, bribe, drug
trafficking, drugs, fraud, theft, murder, punishment, crime prevention, solve crimes, police officers, organised
crime, illegal

cybercrime | Cybercrime and IT crime | cybercrime, cybercrimes, IT crime, IT crimes, cyber, cyberattack, cyber
security, cybersecurity, hacker, hacking, malware, phishing, online fraud, information security, digital crime,
computer crime, e-commerce, online services, mobile providers, criminals online

terrorism | Terrorism and extremism | terrorism, terrorist, terrorists, counter-terrorism, extremism, extremist,
radical, militant, militants, gunmen, hostage, bombing, explosion, ISIS, Islamic State, al-Qaeda, bandit, insurgent,
anti-terrorist, attack

defence | Defence and the military | army, armed forces, military, defence, defense, troops, soldier, officer,
weapons, missile, navy, fleet, air force, combat, servicemen, Defence Ministry, General Staff, military service,
conscription, nuclear weapons, arms, armament, warship, military exercises, deterrence, strategic forces, military
personnel

foreign_policy | Foreign policy and diplomacy | foreign policy, diplomacy, diplomatic, bilateral, held talks, bilateral talks, summit,
partner, partnership, cooperation, visit, delegation, ambassador, foreign minister, United Nations, UN, Security
Council, international, sanctions, treaty, negotiations, G20, BRICS, SCO, CIS, European Union, NATO, integration,
Eurasian

health | Health and the pandemic | health, healthcare, hospital, doctor, doctors, medical, medicine, patient,
disease, pandemic, coronavirus, COVID, epidemic, infection, vaccine, vaccination, treatment, clinic, nurse,
ambulance, drug supply, sanitary, life expectancy, illness, virus

youth | Children, youth and minors | children, child, youth, young people, minors, teenager, teenagers, adolescent,
adolescents, juvenile, kindergarten, orphan, orphans, childhood, young generation, child pornography, suicide,
students, youngsters, pupils

education | Education and schools | education, school, schools, teacher, teachers, university, universities,
student, students, pupil, curriculum, exam, graduate, graduates, vocational, professional training, academic,
lecture, textbook, higher education, secondary education, enrolment

energy | Energy | energy, oil, gas, natural gas, pipeline, Gazprom, Rosneft, electricity, power plant, nuclear
power, Rosatom, coal, fuel, refinery, LNG, hydrocarbons, energy sector, energy security, OPEC, Nord Stream, gas
supplies, power grid, renewable

environment | Environment and climate | environment, environmental, ecology, ecological, climate, climate change,
emissions, pollution, waste, recycling, forest, forests, wildfires, nature, protected areas, biodiversity, water
resources, greenhouse, carbon, Lake Baikal, landfill

migration | Migration | migration, migrant, migrants, immigration, immigrant, refugee, refugees, citizenship,
residence permit, labour migrants, illegal migration, compatriots, resettlement, visa, border crossing, deportation,
asylum, migration sphere, foreign workers

technology | Technology and the internet | technology, technologies, digital, digitalisation, internet, online,
computer, software, artificial intelligence, information technology, IT, telecommunications, broadband, mobile,
data, platform, platforms, innovation, innovative, high-tech, electronic, cutting-edge technologies, global network

internet_content | Internet content and media law | social media, social networks, internet resources, content,
prohibited content, block, blocking, websites, website, media, mass media, journalist, journalists, censorship,
freedom of speech, disinformation, fake news, dissemination, owners and providers, television, broadcasting,
bloggers, exchange of information

social | Social policy and pensions | pension, pensions, pensioner, pensioners, social, social support, social
services, benefits, child allowance, poverty, low-income, disabled, disability, welfare, maternity capital, minimum
wage, wages, salaries, retirement, elderly, veterans, social payments

labour | Labour and employment | employment, unemployment, jobs, job, workers, labour market, labour, workforce,
trade unions, employer, employers, employees, wages, vacancies, working conditions, labour productivity, retraining,
skilled

housing | Housing and construction | housing, construction, apartment, apartments, housing construction, utilities,
housing and utilities, mortgage, dilapidated housing, residential, building, builders, construction industry, homes,
affordable housing, urban, square metres, infrastructure

culture | Culture and the arts | culture, cultural, museum, theatre, library, art, arts, artist, music, cinema,
film, literature, writer, heritage, cultural heritage, orchestra, exhibition, Russian language, language, festival,
creative

sport | Sport | sport, sports, athlete, athletes, Olympic, Olympics, Paralympic, championship, football, hockey,
World Cup, medal, medals, coach, team, stadium, fitness, physical education, doping, Sochi, competition

agriculture | Agriculture and food | agriculture, agricultural, farmer, farmers, farming, grain, harvest, crop,
crops, livestock, food, food security, rural, countryside, agro-industrial, fertiliser, meat, milk, dairy, fishery,
fisheries, wheat

transport | Transport and infrastructure | transport, road, roads, highway, railway, railways, Russian Railways,
airport, aviation, airline, bridge, port, seaport, logistics, Northern Sea Route, traffic, road safety, metro,
freight, passenger, motorway, infrastructure

regions | Regions and local government | region, regions, regional, governor, governors, municipal, municipalities,
local government, local authorities, federal district, Far East, Siberia, Arctic, territory, North Caucasus, Crimea,
Sevastopol, Kaliningrad, city, mayor, regional heads, constituent entities

law | Law and justice | law, laws, legal, legislation, court, courts, judge, judges, judicial, justice,
constitution, constitutional, Constitutional Court, Supreme Court, rights, bill, amendments, State Duma, Federation
Council, lawyer, legislative, violation, rule of law, inevitability of punishment

science_space | Science and space | science, scientific, scientist, scientists, research, researcher, Academy of
Sciences, laboratory, space, spacecraft, cosmonaut, cosmonauts, satellite, Roscosmos, Vostochny, rocket launch,
rocket, orbit, physics, discovery, space station, fundamental research

religion | Religion and society | religion, religious, church, Orthodox, Russian Orthodox Church, Patriarch, Islam,
Muslim, Muslims, mosque, Christian, Christianity, Jewish, Buddhist, faith, believers, clergy, spiritual, interfaith,
confessions, monastery

history | History and memory | history, historical, Great Patriotic War, Victory, Victory Day, war, veterans,
memory, memorial, anniversary, Nazism, fascism, World War II, Second World War, heroes, heroism, ancestors,
Leningrad, Stalingrad, siege, commemorate, fallen, descendants

politics | Elections and political parties | election, elections, vote, voting, voters, political party, parties,
United Russia, candidate, candidates, campaign, electoral, ballot, Central Election Commission, parliament,
deputies, opposition parties, democracy, democratic, political system, referendum

family | Family and demography | family, families, demographic, demography, birth rate, birth, births, mothers,
mother, large families, maternity, population, mortality, newborn, parents, marriage, child benefit, fertility

human_rights | Human rights and civil society | human rights, civil society, NGO, NGOs, non-profit,
non-governmental, volunteer, volunteers, Civic Chamber, ombudsman, freedoms, civil rights, public organisations,
charity, activists, rallies, protest, protests, unauthorised
";

#[cfg(test)]
mod tests {
    use super::*;

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
