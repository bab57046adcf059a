import type { DemoRegister } from './demo-register.types.js';

/**
 * Cradeq's register, from its privacy policy (../shared/seeds/cradeq-privacy-policy.nl.txt,
 * "Ingangsdatum: 11-05-2022"). Cradeq is a processor for the institutions that invite users and a
 * controller for its own processing. Where the policy is silent (no DPO, no named TOMs, no LIA),
 * the register stays silent too, and register health shows the gap.
 */
const POLICY = 'Privacybeleid Cradeq, 11-05-2022';
const EEA_NOTE =
  'Volgens het privacybeleid worden alle gegevens binnen de Europese Economische Ruimte opgeslagen en verwerkt.';

export const CRADEQ_REGISTER: DemoRegister = {
  tenant: 'cradeq',
  steps: [
    {
      on: '2022-02-01',
      note: 'Register aangelegd met de bestaande subverwerkers en verwerkingen (datum vóór 21-02-2022; het beleid noemt geen eerdere datum).',
      parties: [
        {
          key: 'cradeq',
          name: 'Cradeq',
          roles: ['own_organisation'],
          street: 'Prins Willem-Alexanderlaan 301',
          postalCode: '7311SW',
          city: 'Apeldoorn',
          country: 'NL',
          contactEmail: 'info@cradeq.nl',
          website: 'https://cradeq.nl',
          description: `Verwerkingsverantwoordelijke voor de Diensten; verwerker voor instellingen die gebruikers uitnodigen. Bron: ${POLICY}.`,
        },
        {
          key: 'upcloud',
          name: 'UpCloud',
          roles: ['subprocessor'],
          country: 'FI',
          website: 'https://upcloud.com',
          description: 'Europese cloudserviceprovider die snelle en betrouwbare cloudplatformhosting aanbiedt.',
        },
        {
          key: 'ploi',
          name: 'Ploi.io',
          roles: ['subprocessor'],
          country: 'NL',
          website: 'https://ploi.io',
          description: 'Europese serverimplementatiemanager.',
        },
        {
          key: 'mailgun',
          name: 'Mailgun',
          roles: ['subprocessor'],
          website: 'https://www.mailgun.com',
          description:
            'E-mailautomatiseringsservice: cloudgebaseerd verzenden en ontvangen van e-mail vanuit websites en applicaties.',
        },
        {
          key: 'institutions',
          name: 'Instellingen (werkgevers en onderwijsinstellingen van gebruikers)',
          roles: ['controller'],
          description:
            'Verwerkingsverantwoordelijken namens wie Cradeq verwerkt: de instellingen die gebruikers voor de Diensten uitnodigen. Het beleid noemt ze niet bij naam; vermeld hier per instelling een eigen partij.',
        },
        {
          key: 'affiliates',
          name: 'Gelieerde ondernemingen van Cradeq',
          roles: ['recipient'],
          country: 'NL',
          description: 'Moederbedrijf, dochterondernemingen of bedrijven die Cradeq beheert.',
        },
      ],
      products: [
        { key: 'core', name: 'Cradeq Core', description: 'Kernplatform van Cradeq.' },
        { key: 'carbon', name: 'Carbon', description: 'Applicatie van Cradeq.' },
        { key: 'parallel', name: 'Parallel', description: 'Applicatie van Cradeq.' },
      ],
      engagements: [
        {
          key: 'upcloud',
          vendor: 'upcloud',
          products: ['core', 'carbon', 'parallel'],
          purpose: 'Hosting van de Diensten, databaseopslag',
          processingLocations: ['FI'],
          dataCategoryCodes: ['DC_NAME', 'DC_EMAIL', 'DC_USAGE_DATA', 'DC_IP_ADDRESS', 'DC_EDUCATION'],
          description: EEA_NOTE,
        },
        {
          key: 'ploi',
          vendor: 'ploi',
          products: ['core', 'carbon', 'parallel'],
          purpose: 'Serverbeheer',
          processingLocations: ['NL'],
          dataCategoryCodes: ['DC_NAME', 'DC_EMAIL', 'DC_USAGE_DATA', 'DC_IP_ADDRESS', 'DC_EDUCATION'],
          description: EEA_NOTE,
        },
        {
          key: 'mailgun',
          vendor: 'mailgun',
          products: ['core', 'carbon', 'parallel'],
          purpose: 'Verzenden van e-mails vanuit de applicaties',
          processingLocations: ['DE'],
          dataCategoryCodes: ['DC_NAME', 'DC_EMAIL'],
          description: `${EEA_NOTE} Land van verwerking binnen de EER niet in het beleid genoemd.`,
        },
      ],
      activities: [
        {
          key: 'services',
          name: 'Levering en beheer van de Diensten en accounts',
          description:
            'Cradeq als verwerkingsverantwoordelijke voor de eigen Diensten: leveren, onderhouden, accounts beheren en contracten uitvoeren.',
          role: 'controller',
          status: 'active',
          products: ['core', 'carbon', 'parallel'],
          engagements: ['upcloud', 'ploi', 'mailgun'],
          purposes: [
            {
              description:
                'Het leveren en onderhouden van de Diensten, het bewaken van het gebruik en het evalueren en verbeteren van producten, functies en gebruikersinterface.',
              legalBasis: 'ART6_1_A',
              consentMechanism: 'Toestemmingsopties bij het eerste bezoek aan de website.',
              consentWithdrawal:
                'Op elk moment, via de contactgegevens onderaan het privacybeleid (info@cradeq.nl); intrekken laat eerdere verwerking rechtmatig.',
            },
            {
              description: 'Beheren van je account: toegang tot de functies voor geregistreerde gebruikers.',
              legalBasis: 'ART6_1_B',
            },
            {
              description:
                'Uitvoering van een contract: ontwikkeling, uitvoering en naleving van een koopcontract voor producten of diensten, via je werkgever, een instelling of de Diensten.',
              legalBasis: 'ART6_1_B',
            },
          ],
          dataSubjectCodes: ['DS_SERVICE_USERS'],
          dataCategoryCodes: [
            'DC_NAME',
            'DC_EMAIL',
            'DC_IP_ADDRESS',
            'DC_USAGE_DATA',
            'DC_DEVICE_DATA',
            'DC_EDUCATION',
          ],
          sources: ['data_subject', 'third_party', 'public_source'],
          sourceDescription:
            'Registratieformulieren en gegevens die je indient, je werkgever of instelling, externe openbare bronnen, en interactie met de Diensten.',
          recipients: [
            {
              kind: 'RK_THIRD_PARTY',
              party: 'affiliates',
              country: 'NL',
              description: 'Delen met gelieerde ondernemingen.',
            },
            {
              kind: 'RK_AUTHORITY',
              name: 'Bevoegde instanties',
              country: 'NL',
              description:
                'Naleving van wetten, voorschriften of gerechtelijke bevelen; reageren op claims; afdwingen van overeenkomsten.',
            },
          ],
          retention: [
            {
              duration: 'P180D',
              trigger: 'RT_ACCOUNT_NO_LONGER_NEEDED',
              action: 'RA_DELETE',
              justification: 'RJ_OPERATIONAL_NEED',
              criterion:
                'Tot 180 dagen nadat de gegevens niet langer nodig zijn om de Diensten te leveren; langer waar de wet rapportage of registratie vereist.',
            },
          ],
          securityDescription:
            'Een reeks beveiligingsmaatregelen tegen misbruik, verlies of wijziging (niet nader benoemd in het privacybeleid).',
        },
        {
          key: 'research',
          name: '(Wetenschappelijke) publicatie van analyses',
          description:
            'Publicatie van analyses en onderzoek op gegroepeerde gebruiksgegevens, zo goed mogelijk geanonimiseerd.',
          role: 'controller',
          status: 'active',
          products: ['core', 'carbon', 'parallel'],
          purposes: [
            {
              description:
                'Voor (wetenschappelijke) publicatie van uitgevoerde analyses en onderzoek bestaande uit gegroepeerde gebruiksgegevens.',
              legalBasis: 'ART6_1_F',
            },
          ],
          dataSubjectCodes: ['DS_SERVICE_USERS'],
          dataCategoryCodes: ['DC_USAGE_DATA', 'DC_EDUCATION'],
          sources: ['data_subject'],
          retention: [
            {
              dataCategoryCode: 'DC_USAGE_DATA',
              action: 'RA_ANONYMISE',
              trigger: 'RT_COLLECTION',
              criterion:
                'Gebruiksgegevens worden gegroepeerd en zo goed mogelijk geanonimiseerd; informatie die niet persoonlijk identificeert kan voor onbepaalde tijd worden opgeslagen.',
            },
          ],
        },
        {
          key: 'website',
          name: 'Website en strikt noodzakelijke cookies',
          description:
            'Kernfunctionaliteit van de website, zoals inloggen en accountbeheer, met alleen first-party cookies die strikt noodzakelijk zijn.',
          role: 'controller',
          status: 'active',
          products: ['core', 'carbon', 'parallel'],
          purposes: [
            {
              description: 'Ingelogde sessies onthouden en de site beveiligen tegen Cross-Site Request Forgery.',
              legalBasis: 'ART6_1_F',
            },
          ],
          dataSubjectCodes: ['DS_SERVICE_USERS', 'DS_WEBSITE_VISITORS'],
          dataCategoryCodes: ['DC_COOKIE_ID', 'DC_IP_ADDRESS', 'DC_DEVICE_DATA'],
          sources: ['data_subject'],
          retention: [
            {
              dataCategoryCode: 'DC_COOKIE_ID',
              criterion: 'Sessiecookies tot het einde van de sessie; remember_me-cookies houden je langer ingelogd.',
              action: 'RA_DELETE',
            },
          ],
        },
      ],
    },
    {
      on: '2022-02-21',
      note: 'Google Workspace toegevoegd bij de subverwerkers.',
      parties: [
        {
          key: 'google',
          name: 'Google Workspace (Google Ireland Limited)',
          roles: ['subprocessor'],
          country: 'IE',
          website: 'https://workspace.google.com',
          description:
            'Google Workspace bestaat uit verschillende applicaties zoals Gmail, Google Drive en Google Docs.',
        },
      ],
      engagements: [
        {
          key: 'google',
          vendor: 'google',
          products: [],
          purpose: 'Bestandsbeheer, e-mails van het bedrijf',
          processingLocations: ['IE'],
          dataCategoryCodes: ['DC_NAME', 'DC_EMAIL', 'DC_COMMUNICATIONS_CONTENT'],
          description: `${EEA_NOTE} Land van verwerking binnen de EER niet in het beleid genoemd.`,
        },
      ],
      activities: [
        {
          key: 'company-mail',
          name: 'Bedrijfs-e-mail en bestandsbeheer',
          description: 'E-mails van het bedrijf en bestandsbeheer in Google Workspace.',
          role: 'controller',
          status: 'active',
          engagements: ['google'],
          purposes: [
            { description: 'Communicatie per e-mail en beheer van bestanden van het bedrijf.', legalBasis: 'ART6_1_F' },
          ],
          dataSubjectCodes: ['DS_CUSTOMER_CONTACTS', 'DS_EMPLOYEES'],
          dataCategoryCodes: ['DC_NAME', 'DC_EMAIL', 'DC_COMMUNICATIONS_CONTENT'],
          sources: ['data_subject'],
        },
      ],
    },
    {
      on: '2022-02-25',
      note: 'De paragraaf en uitleg voor wijzigingen in het Privacybeleid toegevoegd en de Changelog bijgevoegd.',
      partyUpdates: [
        {
          key: 'cradeq',
          changes: {
            description: `Verwerkingsverantwoordelijke voor de Diensten; verwerker voor instellingen die gebruikers uitnodigen. Wijzigingen in subverwerkers of gegevensverzameling worden aanvullend gemeld via de applicatie of per e-mail. Bron: ${POLICY}.`,
          },
        },
      ],
    },
    {
      on: '2022-05-11',
      note: 'De uitleg van Cradeq als gegevensverwerker toegevoegd, de cookielijst bijgewerkt en de Nederlandse vertaling van het Privacybeleid toegevoegd.',
      activities: [
        {
          key: 'processing-for-institutions',
          name: 'Verwerking in opdracht van instellingen',
          description:
            'Gebruikers die via een instelling (werkgever of onderwijsinstelling) zijn uitgenodigd: Cradeq verwerkt hun gegevens als gegevensverwerker voor die instelling, de verwerkingsverantwoordelijke.',
          role: 'processor',
          status: 'active',
          products: ['core', 'carbon', 'parallel'],
          engagements: ['upcloud', 'ploi', 'mailgun'],
          controllers: [
            {
              party: 'institutions',
              processingCategories:
                'Hosting en levering van de Diensten, accountbeheer, verzenden van e-mails vanuit de applicaties en learning analytics.',
            },
          ],
          purposes: [
            {
              description:
                'Leveren van de Diensten aan gebruikers die de instelling uitnodigt, volgens de instructies van die instelling.',
            },
          ],
          dataSubjectCodes: ['DS_SERVICE_USERS', 'DS_STUDENTS', 'DS_EMPLOYEES'],
          dataCategoryCodes: [
            'DC_NAME',
            'DC_EMAIL',
            'DC_IP_ADDRESS',
            'DC_USAGE_DATA',
            'DC_DEVICE_DATA',
            'DC_EDUCATION',
          ],
          sources: ['controller', 'data_subject'],
          retention: [
            {
              duration: 'P180D',
              trigger: 'RT_ACCOUNT_NO_LONGER_NEEDED',
              action: 'RA_DELETE',
              criterion: 'Tot 180 dagen nadat de gegevens niet langer nodig zijn om de Diensten te leveren.',
            },
          ],
          securityDescription:
            'Een reeks beveiligingsmaatregelen tegen misbruik, verlies of wijziging (niet nader benoemd in het privacybeleid).',
        },
      ],
      cookies: [
        {
          name: 'XSRF-TOKEN',
          purpose: 'Helpt de site te beveiligen tegen aanvallen op basis van Cross-Site Request Forgery.',
          category: 'strictly_necessary',
          party: 'first',
        },
        {
          product: 'core',
          name: 'core_session',
          purpose: 'Onthoudt je ingelogde sessie voor Cradeq Core.',
          category: 'strictly_necessary',
          party: 'first',
        },
        {
          name: 'remember_me_...',
          purpose: 'Houdt je langer ingelogd.',
          category: 'strictly_necessary',
          party: 'first',
        },
        {
          product: 'carbon',
          name: 'carbon_session',
          purpose: 'Onthoudt je ingelogde sessie voor Carbon.',
          category: 'strictly_necessary',
          party: 'first',
        },
        {
          product: 'parallel',
          name: 'parallel_session',
          purpose: 'Onthoudt je ingelogde sessie voor Parallel.',
          category: 'strictly_necessary',
          party: 'first',
        },
      ],
    },
  ],
};
