import * as pulumi from "@pulumi/pulumi";

/** The value of an Output and whether it is secret (outside a Pulumi program). */
export async function settle<T>(output: pulumi.Output<T>): Promise<{ value: T; secret: boolean }> {
  const value = await (output as unknown as { promise(): Promise<T> }).promise();
  return { value, secret: await pulumi.isSecret(output) };
}
