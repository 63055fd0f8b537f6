import bcrypt from "bcryptjs";

export const BCRYPT_COST = 10;

export const hashPassword = (password: string) => bcrypt.hash(password, BCRYPT_COST);
export const verifyPassword = (password: string, hash: string) => bcrypt.compare(password, hash);

// A hash of nothing anyone knows, at the cost real hashes use: comparing
// against it takes as long as checking a real user's password.
let dummyHash: string | undefined;
export function dummyPasswordCheck(password: string): Promise<boolean> {
  dummyHash ??= bcrypt.hashSync(`no user ${Math.random()}`, BCRYPT_COST);
  return bcrypt.compare(password, dummyHash).then(() => false);
}
