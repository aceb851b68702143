// placeholder replaced below
export function stubPlugin(_spec: string | undefined) {
  return { name: "handshake-stub" };
}
