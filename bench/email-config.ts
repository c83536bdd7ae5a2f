/** The sender's configuration in the email benchmark, the same in every process sending the mailing. */
export const benchMailConfig = {
  PUBLIC_URL: 'https://give.example.org',
  SECRET_KEY: 'bench-secret-key-bench-secret-key-0123',
  EMAIL_FROM: 'news@ngo.example.org',
};
