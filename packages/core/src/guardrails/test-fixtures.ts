// Synthetic credentials for the guardrail tests, assembled from parts so that no complete key-shaped literal sits in
// the repository for secret scanners to report. None of them is, or was, a real credential.
const body = (length: number, alphabet = 'Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z') =>
  Array.from({ length }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');

const jwtHeader = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
const jwtPayload = Buffer.from(JSON.stringify({ sub: '1234567890', name: 'Test' })).toString('base64url');

export const secretFixtures = {
  'secret:openai': ['sk', 'proj', body(48)].join('-'),
  'secret:anthropic': ['sk', 'ant', 'api03', body(40)].join('-'),
  'secret:aws-access-key': `${'AK'}IA${'IOSFODNN7EXAMPLE'}`,
  'secret:github': `${'gh'}p_${body(36)}`,
  'secret:slack': ['xo', 'xb-123456789012-1234567890123-', body(24)].join(''),
  'secret:google-api-key': `${'AI'}za${body(35)}`,
  'secret:stripe': ['sk', 'live', body(24)].join('_'),
  'secret:jwt': `${jwtHeader}.${jwtPayload}.${body(43)}`,
  'secret:private-key': [
    `-----BEGIN ${'PRIVATE'} KEY-----`,
    body(64, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7'),
    body(64, 'VJTUt9Us8cKjMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu'),
    `${body(40, 'NMoSfm76oqFvAp8Gy0iz5sxjZmSnXyCdPEovGhLa3VFE')}==`,
    `-----END ${'PRIVATE'} KEY-----`,
  ].join('\n'),
} as const;

export const piiFixtures = {
  email: 'jane.doe+billing@example.co.uk',
  phone: '+44 7911 123456',
  card: '4111 1111 1111 1111',
  iban: 'DE89 3704 0044 0532 0130 00',
  ssn: '123-45-6789',
  'uk-nino': 'AB 12 34 56 C',
} as const;
