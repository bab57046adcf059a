import type { DemoRegister } from './demo-register.types.js';

/**
 * ConnectTools B.V.'s register, from its privacy and cookie statement
 * (../shared/seeds/connecttools-privacy-statement.nl.txt, last changed 20 June 2019). The statement
 * names no retention for statistics, no cookie names and no third parties by name; the register
 * records what it says and register health shows what it leaves open.
 */
const STATEMENT = 'Privacy- en cookieverklaring ConnectTools B.V., 20 juni 2019';

export const CONNECTTOOLS_REGISTER: DemoRegister = {
  tenant: 'connecttools',
  steps: [
    {
      on: '2019-06-20',
      note: `Register vastgelegd volgens de ${STATEMENT}.`,
      parties: [
        {
          key: 'connecttools',
          name: 'ConnectTools B.V.',
          roles: ['own_organisation'],
          legalForm: 'B.V.',
          registrationNumber: '59666838',
          street: 'Westelijke Achterweg 37',
          postalCode: '3241 EH',
          city: 'Middelharnis',
          country: 'NL',
          contactEmail: 'info@crisisconnect.nl',
          contactPhone: '085 130 5611',
          website: 'https://www.crisisconnect.nl',
          description: 'Aanbieder van softwareoplossingen voor crisismanagement, crisiscommunicatie en crisistraining.',
        },
        {
          key: 'authorities',
          name: 'Bevoegde autoriteiten',
          roles: ['recipient'],
          country: 'NL',
          description: 'Ontvangen persoonsgegevens bij een vermoeden van fraude of misbruik van de Diensten.',
        },
        {
          key: 'cookie-parties',
          name: 'Derden die cookies plaatsen',
          roles: ['recipient'],
          description:
            'Door ConnectTools ingeschakelde derden die via de Diensten cookies plaatsen; de verklaring noemt ze niet bij naam.',
        },
      ],
      products: [
        {
          key: 'software',
          name: 'ConnectTools-softwareoplossingen',
          description: 'Crisismanagement, crisiscommunicatie en crisistraining.',
        },
        { key: 'websites', name: 'Websites van ConnectTools', description: 'Websites met chatformulieren.' },
        {
          key: 'crisisconnect',
          name: 'CrisisConnect app',
          description: 'iOS, Android en Windows; voor de app geldt een eigen privacy- en cookieverklaring.',
        },
      ],
      customDataCategories: [
        {
          code: 'DC_ORGANISATION',
          labelNl: 'Organisatie of bedrijfsnaam',
          labelEn: 'Organisation or company name',
          special: false,
          criminal: false,
        },
      ],
      activities: [
        {
          key: 'accounts',
          name: 'Accounts en toegang tot de Diensten',
          description:
            'Een persoonlijke omgeving met eigen instellingen en gegevens; controle op wie toegang heeft tot de Diensten.',
          role: 'controller',
          status: 'active',
          products: ['software'],
          purposes: [
            { description: 'Het verlenen van toegang tot (onderdelen van) onze Diensten.', legalBasis: 'ART6_1_B' },
          ],
          dataSubjectCodes: ['DS_SERVICE_USERS', 'DS_CUSTOMER_CONTACTS'],
          dataCategoryCodes: ['DC_NAME', 'DC_EMAIL', 'DC_ORGANISATION', 'DC_CREDENTIALS'],
          sources: ['data_subject', 'third_party'],
          sourceDescription: 'U geeft de gegevens zelf op, of de organisatie waarvoor u werkt doet dat.',
          retention: [
            {
              trigger: 'RT_ACCOUNT_CLOSURE',
              action: 'RA_DELETE',
              criterion: 'Tot u (of de organisatie waarbinnen u werkzaam bent) het account opzegt.',
            },
          ],
          tomCodes: ['TOM_USER_IDENTIFICATION_AUTHORISATION', 'TOM_TRANSMISSION_PROTECTION', 'TOM_REGULAR_TESTING'],
          securityDescription:
            'Alleen noodzakelijke personen hebben toegang; toegang afgeschermd met gebruikersnaam en wachtwoord; veiligheidsmaatregelen worden regelmatig gecontroleerd; SSL-certificaten voor veilige overdracht.',
        },
        {
          key: 'chat',
          name: 'Chatformulier',
          description: 'Vragen en aanvragen via de chatformulieren op de websites.',
          role: 'controller',
          status: 'active',
          products: ['websites'],
          purposes: [
            {
              description: 'Vragen beantwoorden en aanvragen behandelen die via de chat binnenkomen.',
              legalBasis: 'ART6_1_F',
            },
          ],
          dataSubjectCodes: ['DS_WEBSITE_VISITORS', 'DS_PROSPECTS', 'DS_CUSTOMER_CONTACTS'],
          dataCategoryCodes: ['DC_NAME', 'DC_EMAIL', 'DC_ORGANISATION', 'DC_COMMUNICATIONS_CONTENT'],
          sources: ['data_subject'],
          retention: [
            {
              dataCategoryCode: 'DC_COMMUNICATIONS_CONTENT',
              action: 'RA_DELETE',
              criterion: 'Totdat we zeker zijn dat u tevreden bent met onze reactie.',
            },
          ],
          tomCodes: ['TOM_TRANSMISSION_PROTECTION'],
        },
        {
          key: 'statistics',
          name: 'Statistieken over het gebruik van de Diensten',
          description:
            'Inzicht in het gebruik van de Diensten en het evalueren en verbeteren ervan; gegevens kunnen worden gecombineerd.',
          role: 'controller',
          status: 'active',
          products: ['software', 'websites'],
          purposes: [
            { description: 'Het verkrijgen van inzicht in het gebruik van onze Diensten.', legalBasis: 'ART6_1_F' },
            { description: 'Het evalueren en verbeteren van onze Diensten.', legalBasis: 'ART6_1_F' },
          ],
          dataSubjectCodes: ['DS_SERVICE_USERS', 'DS_WEBSITE_VISITORS'],
          dataCategoryCodes: ['DC_IP_ADDRESS', 'DC_COOKIE_ID', 'DC_DEVICE_DATA', 'DC_USAGE_DATA'],
          sources: ['data_subject'],
          recipients: [
            {
              kind: 'RK_THIRD_PARTY',
              party: 'cookie-parties',
              description: 'Derden die cookies plaatsen en uitlezen.',
            },
          ],
          automatedDecision: {
            exists: false,
            legalOrSimilarEffect: false,
            profiling: true,
            description:
              'Persoonsgegevens kunnen met elkaar worden gecombineerd om meer over de gebruiker te weten te komen; bezwaar kan altijd worden gemeld.',
          },
        },
        {
          key: 'fraud',
          name: 'Verstrekking bij vermoeden van fraude of misbruik',
          role: 'controller',
          status: 'active',
          products: ['software'],
          purposes: [
            {
              description:
                'Persoonsgegevens overhandigen aan de bevoegde autoriteiten bij een vermoeden van fraude of misbruik van de Diensten.',
              legalBasis: 'ART6_1_F',
            },
          ],
          dataSubjectCodes: ['DS_SERVICE_USERS'],
          dataCategoryCodes: ['DC_NAME', 'DC_EMAIL', 'DC_IP_ADDRESS', 'DC_USAGE_DATA'],
          sources: ['data_subject'],
          recipients: [{ kind: 'RK_AUTHORITY', party: 'authorities', country: 'NL' }],
        },
      ],
      cookies: [
        {
          product: 'websites',
          name: 'Sessiecookie',
          purpose:
            'Onthoudt uw gebruikerssessie op de webserver; technische of functionele cookie die de Diensten afschermt voor onbevoegden.',
          category: 'functional',
          party: 'first',
          lifetime: 'sessie',
        },
        {
          product: 'websites',
          name: 'Cookies van derden',
          purpose:
            'Cookies die door ingeschakelde derden worden geplaatst; de verklaring noemt de partijen en cookies niet.',
          category: 'analytics',
          party: 'third',
          provider: 'niet genoemd in de verklaring',
        },
      ],
    },
  ],
};
