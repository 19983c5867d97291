// System.Security.Cryptography and its X509Certificates namespace: the hash, HMAC, RSA and symmetric types on
// APIM's list, the certificate types `context.Request.Certificate` and `context.Deployment.Certificates` give.
// Their member lists are partial (complete: false): current .NET keeps adding static one-shot methods.
import type { TypeData } from "./model.js";

const BCL = ".NET BCL";
const ns = "System.Security.Cryptography";
const x509 = "System.Security.Cryptography.X509Certificates";

/** A concrete hash class (`SHA256Managed`, `HMACSHA256`): constructors only, the rest is inherited. */
function concrete(name: string, base: string, ctor: string, doc: string): TypeData {
  return {
    ns,
    name,
    doc,
    kind: "class",
    base,
    complete: false,
    source: BCL,
    members: [{ sig: ctor, doc: `Initializes a new instance of the ${name} class.` }],
  };
}

/** An abstract hash algorithm (`SHA256`): `Create()` and the one-shot `HashData`. */
function hashFamily(name: string, bits: number): TypeData {
  return {
    ns,
    name,
    doc: `Computes the ${name} hash for the input data (${bits}-bit hash).`,
    kind: "class",
    base: "HashAlgorithm",
    complete: false,
    source: BCL,
    members: [
      { sig: `static ${name} Create()`, doc: `Creates an instance of the default implementation of ${name}.` },
      `static ${name} Create(string hashName)`,
      { sig: "static byte[] HashData(byte[] source)", doc: `Computes the ${name} hash of data.` },
      { sig: "const int HashSizeInBits", doc: `The hash size produced by the ${name} algorithm, in bits.` },
      { sig: "const int HashSizeInBytes", doc: `The hash size produced by the ${name} algorithm, in bytes.` },
    ],
  };
}

/** An HMAC class (`HMACSHA256`): constructors and the one-shot `HashData(key, source)`. */
function hmac(name: string, hash: string): TypeData {
  return {
    ns,
    name,
    doc: `Computes a Hash-based Message Authentication Code (HMAC) by using the ${hash} hash function.`,
    kind: "class",
    base: "HMAC",
    complete: false,
    source: BCL,
    members: [
      { sig: `${name}()`, doc: `Initializes a new instance of the ${name} class, with a random key or the given one.` },
      `${name}(byte[] key)`,
      {
        sig: "static byte[] HashData(byte[] key, byte[] source)",
        doc: `Computes the HMAC of data using the ${hash} algorithm.`,
      },
    ],
  };
}

export const CRYPTO_TYPES: readonly TypeData[] = [
  {
    ns,
    name: "HashAlgorithm",
    doc: "Represents the base class from which all implementations of cryptographic hash algorithms derive.",
    kind: "class",
    interfaces: ["IDisposable"],
    complete: false,
    source: BCL,
    members: [
      {
        sig: "static HashAlgorithm Create()",
        doc: "Creates an instance of an implementation of a hash algorithm (obsolete).",
      },
      "static HashAlgorithm Create(string hashName)",
      {
        sig: "byte[] ComputeHash(byte[] buffer)",
        doc: "Computes the hash value for the specified byte array, region or stream.",
      },
      "byte[] ComputeHash(byte[] buffer, int offset, int count)",
      "byte[] ComputeHash(Stream inputStream)",
      { sig: "byte[] Hash { get; }", doc: "Gets the value of the computed hash code." },
      { sig: "int HashSize { get; }", doc: "Gets the size, in bits, of the computed hash code." },
      { sig: "int InputBlockSize { get; }", doc: "When overridden in a derived class, gets the input block size." },
      { sig: "int OutputBlockSize { get; }", doc: "When overridden in a derived class, gets the output block size." },
      {
        sig: "bool CanReuseTransform { get; }",
        doc: "Gets a value indicating whether the current transform can be reused.",
      },
      {
        sig: "bool CanTransformMultipleBlocks { get; }",
        doc: "When overridden in a derived class, gets whether multiple blocks can be transformed.",
      },
      { sig: "void Initialize()", doc: "Resets the hash algorithm to its initial state." },
      { sig: "void Clear()", doc: "Releases all resources used by the HashAlgorithm class." },
      {
        sig: "int TransformBlock(byte[] inputBuffer, int inputOffset, int inputCount, byte[] outputBuffer, int outputOffset)",
        doc: "Computes the hash value for a region of the input array and copies it to the output array.",
      },
      {
        sig: "byte[] TransformFinalBlock(byte[] inputBuffer, int inputOffset, int inputCount)",
        doc: "Computes the hash value for the specified region of the specified byte array.",
      },
    ],
  },
  {
    ns,
    name: "KeyedHashAlgorithm",
    doc: "Represents the abstract class from which all implementations of keyed hash algorithms must derive.",
    kind: "class",
    base: "HashAlgorithm",
    complete: false,
    source: BCL,
    members: [
      { sig: "byte[] Key { get; set; }", doc: "Gets or sets the key to use in the hash algorithm." },
      {
        sig: "static KeyedHashAlgorithm Create(string algName)",
        doc: "Creates an instance of the specified implementation of a keyed hash algorithm (obsolete).",
      },
    ],
  },
  {
    ns,
    name: "HMAC",
    doc: "Represents the abstract class from which all implementations of HMAC must derive.",
    kind: "class",
    base: "KeyedHashAlgorithm",
    complete: false,
    source: BCL,
    members: [
      { sig: "string HashName { get; set; }", doc: "Gets or sets the name of the hash algorithm to use for hashing." },
      {
        sig: "static HMAC Create(string algorithmName)",
        doc: "Creates an instance of the specified implementation of HMAC (obsolete).",
      },
    ],
  },
  hmac("HMACMD5", "MD5"),
  hmac("HMACSHA1", "SHA1"),
  hmac("HMACSHA256", "SHA256"),
  hmac("HMACSHA384", "SHA384"),
  hmac("HMACSHA512", "SHA512"),
  hashFamily("MD5", 128),
  hashFamily("SHA1", 160),
  hashFamily("SHA256", 256),
  hashFamily("SHA384", 384),
  hashFamily("SHA512", 512),
  concrete(
    "SHA1Managed",
    "SHA1",
    "SHA1Managed()",
    "Computes the SHA1 hash for the input data (obsolete: use SHA1.Create).",
  ),
  concrete(
    "SHA256Managed",
    "SHA256",
    "SHA256Managed()",
    "Computes the SHA256 hash for the input data (obsolete: use SHA256.Create).",
  ),
  concrete(
    "SHA384Managed",
    "SHA384",
    "SHA384Managed()",
    "Computes the SHA384 hash for the input data (obsolete: use SHA384.Create).",
  ),
  concrete(
    "SHA512Managed",
    "SHA512",
    "SHA512Managed()",
    "Computes the SHA512 hash for the input data (obsolete: use SHA512.Create).",
  ),
  {
    ns,
    name: "HashAlgorithmName",
    doc: "Specifies the name of a cryptographic hash algorithm.",
    kind: "struct",
    complete: false,
    source: BCL,
    members: [
      {
        sig: "HashAlgorithmName(string name)",
        doc: "Initializes a new HashAlgorithmName instance with a custom name.",
      },
      { sig: "static HashAlgorithmName MD5 { get; }", doc: 'Gets a hash algorithm name that represents "MD5".' },
      { sig: "static HashAlgorithmName SHA1 { get; }", doc: 'Gets a hash algorithm name that represents "SHA1".' },
      { sig: "static HashAlgorithmName SHA256 { get; }", doc: 'Gets a hash algorithm name that represents "SHA256".' },
      { sig: "static HashAlgorithmName SHA384 { get; }", doc: 'Gets a hash algorithm name that represents "SHA384".' },
      { sig: "static HashAlgorithmName SHA512 { get; }", doc: 'Gets a hash algorithm name that represents "SHA512".' },
      { sig: "string Name { get; }", doc: "Gets the underlying string representation of the algorithm name." },
    ],
  },
  {
    ns,
    name: "AsymmetricAlgorithm",
    doc: "Represents the abstract base class from which all implementations of asymmetric algorithms inherit.",
    kind: "class",
    interfaces: ["IDisposable"],
    complete: false,
    source: BCL,
    members: [
      {
        sig: "int KeySize { get; set; }",
        doc: "Gets or sets the size, in bits, of the key modulus used by the asymmetric algorithm.",
      },
      {
        sig: "string KeyExchangeAlgorithm { get; }",
        doc: "When overridden in a derived class, gets the name of the key exchange algorithm.",
      },
      {
        sig: "string SignatureAlgorithm { get; }",
        doc: "When overridden in a derived class, gets the name of the signature algorithm.",
      },
      { sig: "void Clear()", doc: "Releases all resources used by the AsymmetricAlgorithm class." },
      {
        sig: "string ToXmlString(bool includePrivateParameters)",
        doc: "Creates and returns an XML string representation of the current AsymmetricAlgorithm object.",
      },
      {
        sig: "void FromXmlString(string xmlString)",
        doc: "Reconstructs an AsymmetricAlgorithm object from an XML string.",
      },
      {
        sig: "void ImportFromPem(string input)",
        doc: "Imports an RFC 7468 PEM-encoded key, replacing the keys for this object.",
      },
      {
        sig: "byte[] ExportSubjectPublicKeyInfo()",
        doc: "Exports the public-key portion of the current key in the X.509 SubjectPublicKeyInfo format.",
      },
      {
        sig: "void ImportSubjectPublicKeyInfo(byte[] source, out int bytesRead)",
        doc: "Imports the public key from an X.509 SubjectPublicKeyInfo structure, replacing this key.",
      },
    ],
  },
  {
    ns,
    name: "RSA",
    doc: "Represents the base class from which all implementations of the RSA algorithm inherit.",
    kind: "class",
    base: "AsymmetricAlgorithm",
    complete: false,
    source: BCL,
    members: [
      { sig: "static RSA Create()", doc: "Creates an instance of the default implementation of the RSA algorithm." },
      "static RSA Create(int keySizeInBits)",
      "static RSA Create(string algName)",
      {
        sig: "byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)",
        doc: "Computes the hash value of the specified data and signs it.",
      },
      {
        sig: "bool VerifyData(byte[] data, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)",
        doc: "Verifies that a digital signature is valid for the data, hash algorithm and padding.",
      },
      {
        sig: "byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)",
        doc: "Computes the signature for the specified hash value.",
      },
      {
        sig: "bool VerifyHash(byte[] hash, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)",
        doc: "Verifies that a digital signature is valid for the hash value, hash algorithm and padding.",
      },
      {
        sig: "byte[] Encrypt(byte[] data, RSAEncryptionPadding padding)",
        doc: "Encrypts the input data using the specified padding mode.",
      },
      {
        sig: "byte[] Decrypt(byte[] data, RSAEncryptionPadding padding)",
        doc: "Decrypts the input data using the specified padding mode.",
      },
      {
        sig: "void ImportRSAPublicKey(byte[] source, out int bytesRead)",
        doc: "Imports the public key from a PKCS#1 RSAPublicKey structure, replacing the keys for this object.",
      },
      {
        sig: "void ImportRSAPrivateKey(byte[] source, out int bytesRead)",
        doc: "Imports the key pair from a PKCS#1 RSAPrivateKey structure, replacing the keys for this object.",
      },
      {
        sig: "byte[] ExportRSAPublicKey()",
        doc: "Exports the public-key portion of the current key in the PKCS#1 RSAPublicKey format.",
      },
      { sig: "byte[] ExportRSAPrivateKey()", doc: "Exports the current key in the PKCS#1 RSAPrivateKey format." },
    ],
  },
  {
    ns,
    name: "RSASignaturePadding",
    doc: "Specifies the padding mode and parameters to use with RSA signature creation or verification.",
    kind: "class",
    sealed: true,
    complete: false,
    source: BCL,
    members: [
      {
        sig: "static RSASignaturePadding Pkcs1 { get; }",
        doc: "Gets an object that uses the PKCS #1 v1.5 padding mode.",
      },
      { sig: "static RSASignaturePadding Pss { get; }", doc: "Gets an object that uses the PSS padding mode." },
    ],
  },
  {
    ns,
    name: "RSAEncryptionPadding",
    doc: "Specifies the padding mode and parameters to use with RSA encryption or decryption operations.",
    kind: "class",
    sealed: true,
    complete: false,
    source: BCL,
    members: [
      {
        sig: "static RSAEncryptionPadding Pkcs1 { get; }",
        doc: "Gets an object that represents the PKCS #1 encryption standard.",
      },
      {
        sig: "static RSAEncryptionPadding OaepSHA1 { get; }",
        doc: "Gets an object that represents OAEP encryption with SHA1.",
      },
      {
        sig: "static RSAEncryptionPadding OaepSHA256 { get; }",
        doc: "Gets an object that represents OAEP encryption with SHA256.",
      },
      {
        sig: "static RSAEncryptionPadding OaepSHA384 { get; }",
        doc: "Gets an object that represents OAEP encryption with SHA-384.",
      },
      {
        sig: "static RSAEncryptionPadding OaepSHA512 { get; }",
        doc: "Gets an object that represents OAEP encryption with SHA512.",
      },
      {
        sig: "static RSAEncryptionPadding CreateOaep(HashAlgorithmName hashAlgorithm)",
        doc: "Creates a new RSAEncryptionPadding instance that uses OAEP with the given hash algorithm.",
      },
    ],
  },
  {
    ns,
    name: "CipherMode",
    doc: "Specifies the block cipher mode to use for encryption.",
    valueDocs: {
      CBC: "The Cipher Block Chaining (CBC) mode.",
      ECB: "The Electronic Codebook (ECB) mode: each block is encrypted individually.",
      OFB: "The Output Feedback (OFB) mode.",
      CFB: "The Cipher Feedback (CFB) mode.",
      CTS: "The Cipher Text Stealing (CTS) mode.",
    },
    kind: "enum",
    complete: true,
    source: BCL,
    values: ["CBC", "ECB", "OFB", "CFB", "CTS"],
    members: [],
  },
  {
    ns,
    name: "PaddingMode",
    doc: "Specifies the type of padding to apply when the message data block is shorter than the block size.",
    valueDocs: {
      None: "No padding is done.",
      PKCS7: "The PKCS #7 padding string: each padding byte is the number of padding bytes.",
      Zeros: "The padding string consists of bytes set to zero.",
      ANSIX923: "The ANSI X9.23 padding string: zeros, then the number of padding bytes.",
      ISO10126: "The ISO 10126 padding string: random data, then the number of padding bytes.",
    },
    kind: "enum",
    complete: true,
    source: BCL,
    values: ["None", "PKCS7", "Zeros", "ANSIX923", "ISO10126"],
    members: [],
  },
  {
    ns,
    name: "Oid",
    doc: "Represents a cryptographic object identifier.",
    kind: "class",
    sealed: true,
    complete: false,
    source: BCL,
    members: [
      { sig: "Oid()", doc: "Initializes a new instance of the Oid class." },
      "Oid(string oid)",
      "Oid(string value, string friendlyName)",
      { sig: "string Value { get; set; }", doc: "Gets or sets the dotted number of the identifier." },
      { sig: "string FriendlyName { get; set; }", doc: "Gets or sets the friendly name of the identifier." },
      {
        sig: "static Oid FromFriendlyName(string friendlyName, OidGroup group)",
        doc: "Creates an Oid object from an OID friendly name by searching the specified group.",
      },
      {
        sig: "static Oid FromOidValue(string oidValue, OidGroup group)",
        doc: "Creates an Oid object by using the specified OID value and group.",
      },
    ],
  },
  {
    ns,
    name: "OidGroup",
    doc: "Identifies Windows cryptographic object identifier (OID) groups.",
    valueDocs: { All: "All the groups." },
    kind: "enum",
    complete: false,
    source: BCL,
    values: ["All"],
    members: [],
  },
  {
    ns,
    name: "RandomNumberGenerator",
    doc: "Provides functionality for generating random values.",
    kind: "class",
    interfaces: ["IDisposable"],
    complete: false,
    source: BCL,
    members: [
      {
        sig: "static RandomNumberGenerator Create()",
        doc: "Creates an instance of the default implementation of a cryptographic random number generator.",
      },
      {
        sig: "static byte[] GetBytes(int count)",
        doc: "Fills an array (or creates one) with cryptographically strong random bytes.",
      },
      {
        sig: "static int GetInt32(int toExclusive)",
        doc: "Generates a random integer within a range using a cryptographically secure random generator.",
      },
      "static int GetInt32(int fromInclusive, int toExclusive)",
      "void GetBytes(byte[] data)",
      {
        sig: "void GetNonZeroBytes(byte[] data)",
        doc: "Fills an array of bytes with a cryptographically strong random sequence of nonzero values.",
      },
    ],
  },
  concrete(
    "RNGCryptoServiceProvider",
    "RandomNumberGenerator",
    "RNGCryptoServiceProvider()",
    "Implements a cryptographic random number generator (obsolete: use RandomNumberGenerator).",
  ),
  {
    ns,
    name: "SymmetricAlgorithm",
    doc: "Represents the abstract base class from which all implementations of symmetric algorithms inherit.",
    kind: "class",
    interfaces: ["IDisposable"],
    complete: false,
    source: BCL,
    members: [
      {
        sig: "static SymmetricAlgorithm Create()",
        doc: "Creates a default cryptographic object used to perform the symmetric algorithm (obsolete).",
      },
      {
        sig: "static SymmetricAlgorithm Create(string algName)",
        doc: "Creates the specified cryptographic object used to perform the symmetric algorithm.",
      },
      { sig: "byte[] Key { get; set; }", doc: "Gets or sets the secret key for the symmetric algorithm." },
      {
        sig: "byte[] IV { get; set; }",
        doc: "Gets or sets the initialization vector (IV) for the symmetric algorithm.",
      },
      { sig: "CipherMode Mode { get; set; }", doc: "Gets or sets the mode for operation of the symmetric algorithm." },
      {
        sig: "PaddingMode Padding { get; set; }",
        doc: "Gets or sets the padding mode used in the symmetric algorithm.",
      },
      {
        sig: "int KeySize { get; set; }",
        doc: "Gets or sets the size, in bits, of the secret key used by the symmetric algorithm.",
      },
      {
        sig: "int BlockSize { get; set; }",
        doc: "Gets or sets the block size, in bits, of the cryptographic operation.",
      },
      {
        sig: "int FeedbackSize { get; set; }",
        doc: "Gets or sets the feedback size, in bits, of the cryptographic operation (CFB and OFB modes).",
      },
      {
        sig: "ICryptoTransform CreateEncryptor()",
        doc: "Creates a symmetric encryptor object with the current (or the given) key and IV.",
      },
      "ICryptoTransform CreateEncryptor(byte[] rgbKey, byte[] rgbIV)",
      {
        sig: "ICryptoTransform CreateDecryptor()",
        doc: "Creates a symmetric decryptor object with the current (or the given) key and IV.",
      },
      "ICryptoTransform CreateDecryptor(byte[] rgbKey, byte[] rgbIV)",
      { sig: "void GenerateKey()", doc: "Generates a random key to use for the algorithm." },
      { sig: "void GenerateIV()", doc: "Generates a random initialization vector (IV) to use for the algorithm." },
      { sig: "void Clear()", doc: "Releases all resources used by the SymmetricAlgorithm class." },
      {
        sig: "byte[] EncryptCbc(byte[] plaintext, byte[] iv, PaddingMode paddingMode = PaddingMode.PKCS7)",
        doc: "Encrypts data using CBC mode with the specified padding mode.",
      },
      {
        sig: "byte[] DecryptCbc(byte[] ciphertext, byte[] iv, PaddingMode paddingMode = PaddingMode.PKCS7)",
        doc: "Decrypts data using CBC mode with the specified padding mode.",
      },
      {
        sig: "byte[] EncryptEcb(byte[] plaintext, PaddingMode paddingMode)",
        doc: "Encrypts data using ECB mode with the specified padding mode.",
      },
      {
        sig: "byte[] DecryptEcb(byte[] ciphertext, PaddingMode paddingMode)",
        doc: "Decrypts data using ECB mode with the specified padding mode.",
      },
    ],
  },
  {
    ns,
    name: "ICryptoTransform",
    doc: "Defines the basic operations of cryptographic transformations.",
    kind: "interface",
    interfaces: ["IDisposable"],
    complete: false,
    source: BCL,
    members: [
      {
        sig: "int TransformBlock(byte[] inputBuffer, int inputOffset, int inputCount, byte[] outputBuffer, int outputOffset)",
        doc: "Transforms the specified region of the input byte array and copies it to the output array.",
      },
      {
        sig: "byte[] TransformFinalBlock(byte[] inputBuffer, int inputOffset, int inputCount)",
        doc: "Transforms the specified region of the specified byte array.",
      },
    ],
  },
  {
    ns: x509,
    name: "X509Certificate",
    doc: "Provides methods that help you use X.509 v.3 certificates.",
    kind: "class",
    interfaces: ["IDisposable"],
    complete: false,
    source: BCL,
    members: [
      { sig: "X509Certificate(byte[] data)", doc: "Initializes a new instance of the X509Certificate class." },
      "X509Certificate(string fileName)",
      {
        sig: "string Issuer { get; }",
        doc: "Gets the name of the certificate authority that issued the X.509v3 certificate.",
      },
      { sig: "string Subject { get; }", doc: "Gets the subject distinguished name from the certificate." },
      { sig: "byte[] GetCertHash()", doc: "Returns the hash value for the X.509v3 certificate as an array of bytes." },
      "byte[] GetCertHash(HashAlgorithmName hashAlgorithm)",
      {
        sig: "string GetCertHashString()",
        doc: "Returns the SHA1 hash value for the X.509v3 certificate as a hexadecimal string.",
      },
      "string GetCertHashString(HashAlgorithmName hashAlgorithm)",
      { sig: "string GetEffectiveDateString()", doc: "Returns the effective date of this X.509v3 certificate." },
      { sig: "string GetExpirationDateString()", doc: "Returns the expiration date of this X.509v3 certificate." },
      { sig: "string GetFormat()", doc: "Returns the name of the format of this X.509v3 certificate." },
      {
        sig: "string GetKeyAlgorithm()",
        doc: "Returns the key algorithm information for this X.509v3 certificate as a string.",
      },
      {
        sig: "byte[] GetKeyAlgorithmParameters()",
        doc: "Returns the key algorithm parameters for the X.509v3 certificate as an array of bytes.",
      },
      { sig: "byte[] GetPublicKey()", doc: "Returns the public key for the X.509v3 certificate as an array of bytes." },
      {
        sig: "string GetPublicKeyString()",
        doc: "Returns the public key for the X.509v3 certificate as a hexadecimal string.",
      },
      {
        sig: "byte[] GetRawCertData()",
        doc: "Returns the raw data for the entire X.509v3 certificate as an array of bytes.",
      },
      {
        sig: "string GetRawCertDataString()",
        doc: "Returns the raw data for the entire X.509v3 certificate as a hexadecimal string.",
      },
      {
        sig: "byte[] GetSerialNumber()",
        doc: "Returns the serial number of the X.509v3 certificate as an array of bytes (little-endian).",
      },
      {
        sig: "string GetSerialNumberString()",
        doc: "Returns the serial number of the X.509v3 certificate as a hexadecimal string.",
      },
      {
        sig: "byte[] Export(X509ContentType contentType)",
        doc: "Exports the current X509Certificate object to a byte array in a format.",
      },
      {
        sig: "string ToString(bool fVerbose)",
        doc: "Returns a string representation of the current X509Certificate object.",
      },
      { sig: "void Reset()", doc: "Resets the state of the X509Certificate object." },
    ],
  },
  {
    ns: x509,
    name: "X509Certificate2",
    doc: "Represents an X.509 certificate.",
    kind: "class",
    base: "X509Certificate",
    complete: false,
    source: BCL,
    members: [
      { sig: "X509Certificate2(byte[] rawData)", doc: "Initializes a new instance of the X509Certificate2 class." },
      "X509Certificate2(byte[] rawData, string password)",
      "X509Certificate2(string fileName)",
      { sig: "string Thumbprint { get; }", doc: "Gets the thumbprint of a certificate." },
      {
        sig: "string SerialNumber { get; }",
        doc: "Gets the serial number of a certificate as a big-endian hexadecimal string.",
      },
      { sig: "string FriendlyName { get; set; }", doc: "Gets or sets the associated alias for a certificate." },
      {
        sig: "DateTime NotAfter { get; }",
        doc: "Gets the date in local time after which a certificate is no longer valid.",
      },
      { sig: "DateTime NotBefore { get; }", doc: "Gets the date in local time on which a certificate becomes valid." },
      {
        sig: "X500DistinguishedName SubjectName { get; }",
        doc: "Gets the subject distinguished name from a certificate.",
      },
      {
        sig: "X500DistinguishedName IssuerName { get; }",
        doc: "Gets the distinguished name of the certificate issuer.",
      },
      { sig: "int Version { get; }", doc: "Gets the X.509 format version of a certificate." },
      {
        sig: "bool HasPrivateKey { get; }",
        doc: "Gets a value that indicates whether an X509Certificate2 object contains a private key.",
      },
      {
        sig: "bool Archived { get; set; }",
        doc: "Gets or sets a value indicating that an X.509 certificate is archived.",
      },
      { sig: "PublicKey PublicKey { get; }", doc: "Gets a PublicKey object associated with a certificate." },
      {
        sig: "AsymmetricAlgorithm PrivateKey { get; set; }",
        doc: "Gets or sets the AsymmetricAlgorithm object that represents the private key (obsolete).",
      },
      { sig: "byte[] RawData { get; }", doc: "Gets the raw data of a certificate." },
      {
        sig: "Oid SignatureAlgorithm { get; }",
        doc: "Gets the algorithm used to create the signature of a certificate.",
      },
      { sig: "object Extensions { get; }", doc: "Gets a collection of X509Extension objects." },
      { sig: "bool Verify()", doc: "Performs a X.509 chain validation using basic validation policy." },
      {
        sig: "string GetNameInfo(X509NameType nameType, bool forIssuer)",
        doc: "Gets the subject and issuer names from a certificate.",
      },
      {
        sig: "bool MatchesHostname(string hostname)",
        doc: "Checks to see if the certificate matches the provided host name.",
      },
      { sig: "string ExportCertificatePem()", doc: "Exports the public X.509 certificate, encoded as PEM." },
      {
        sig: "static X509ContentType GetCertContentType(byte[] rawData)",
        doc: "Indicates the type of certificate contained in a byte array.",
      },
      {
        sig: "static X509Certificate2 CreateFromPem(string certPem)",
        doc: "Creates a new X509 certificate from the contents of an RFC 7468 PEM-encoded certificate.",
      },
      "static X509Certificate2 CreateFromPem(string certPem, string keyPem)",
    ],
  },
  {
    ns: x509,
    name: "PublicKey",
    doc: "Represents a certificate's public key information.",
    kind: "class",
    sealed: true,
    complete: false,
    source: BCL,
    members: [
      {
        sig: "AsymmetricAlgorithm Key { get; }",
        doc: "Gets an RSA or DSA object representing the public key (obsolete).",
      },
      { sig: "Oid Oid { get; }", doc: "Gets an object identifier (OID) object of the public key." },
      { sig: "object EncodedKeyValue { get; }", doc: "Gets the ASN.1-encoded representation of the public key value." },
      {
        sig: "object EncodedParameters { get; }",
        doc: "Gets the ASN.1-encoded representation of the public key parameters.",
      },
      { sig: "RSA GetRSAPublicKey()", doc: "Gets the RSA public key, or null if the key is not an RSA key." },
    ],
  },
  {
    ns: x509,
    name: "RSACertificateExtensions",
    doc: "Provides extension methods for retrieving RSA implementations for the public and private keys.",
    kind: "class",
    static: true,
    complete: true,
    source: BCL,
    members: [
      {
        sig: "static RSA GetRSAPublicKey(this X509Certificate2 certificate)",
        doc: "Gets the RSA public key from the X509Certificate2.",
      },
      {
        sig: "static RSA GetRSAPrivateKey(this X509Certificate2 certificate)",
        doc: "Gets the RSA private key from the X509Certificate2.",
      },
      {
        sig: "static X509Certificate2 CopyWithPrivateKey(this X509Certificate2 certificate, RSA privateKey)",
        doc: "Combines a private key with the public key of an RSA certificate to make a new RSA certificate.",
      },
    ],
  },
  {
    ns: x509,
    name: "X500DistinguishedName",
    doc: "Represents the distinguished name of an X509 certificate.",
    kind: "class",
    sealed: true,
    complete: true,
    source: BCL,
    members: [
      {
        sig: "X500DistinguishedName(string distinguishedName)",
        doc: "Initializes a new instance of the X500DistinguishedName class.",
      },
      "X500DistinguishedName(byte[] encodedDistinguishedName)",
      "X500DistinguishedName(X500DistinguishedName distinguishedName)",
      { sig: "string Name { get; }", doc: "Gets the comma-delimited distinguished name from an X500 certificate." },
      { sig: "byte[] RawData { get; }", doc: "Gets the Abstract Syntax Notation One (ASN.1)-encoded data." },
      { sig: "Oid Oid { get; set; }", doc: "Gets or sets the Oid value for the AsnEncodedData object." },
      {
        sig: "string Decode(X500DistinguishedNameFlags flag)",
        doc: "Decodes a distinguished name using the characteristics specified by the flag parameter.",
      },
      {
        sig: "string Format(bool multiLine)",
        doc: "Returns a formatted version of an X500 distinguished name, on one line or several.",
      },
      {
        sig: "IEnumerable<object> EnumerateRelativeDistinguishedNames(bool reversed = true)",
        doc: "Iterates over the relative distinguished name (RDN) components of this distinguished name.",
      },
    ],
  },
  {
    ns: x509,
    name: "X500DistinguishedNameFlags",
    doc: "Specifies characteristics of the X.500 distinguished name.",
    valueDocs: {
      None: "The distinguished name has no special characteristics.",
      Reversed: "The distinguished name is reversed.",
      UseSemicolons: "The distinguished name uses semicolons.",
      UseCommas: "The distinguished name uses commas.",
      UseNewLines: "The distinguished name uses the new line character.",
    },
    kind: "enum",
    complete: false,
    source: BCL,
    values: ["None", "Reversed", "UseSemicolons", "UseCommas", "UseNewLines"],
    members: [],
  },
  {
    ns: x509,
    name: "X509ContentType",
    doc: "Specifies the format of an X.509 certificate.",
    valueDocs: {
      Unknown: "An unknown X.509 certificate.",
      Cert: "A single X.509 certificate.",
      SerializedCert: "A single serialized X.509 certificate.",
      Pfx: "A PFX-formatted certificate (identical to Pkcs12).",
      Pkcs12: "A PKCS #12-formatted certificate (identical to Pfx).",
      SerializedStore: "A serialized store.",
      Pkcs7: "A PKCS #7-formatted certificate.",
      Authenticode: "An Authenticode X.509 certificate.",
    },
    kind: "enum",
    complete: true,
    source: BCL,
    values: ["Unknown", "Cert", "SerializedCert", "Pfx", "Pkcs12", "SerializedStore", "Pkcs7", "Authenticode"],
    members: [],
  },
  {
    ns: x509,
    name: "X509NameType",
    doc: "Specifies the type of name the X509 certificate contains.",
    valueDocs: {
      SimpleName: "The simple name of a subject or issuer of an X509 certificate.",
      EmailName: "The email address of the subject or issuer associated with an X509 certificate.",
      UpnName: "The UPN name of the subject or issuer of an X509 certificate.",
      DnsName: "The DNS name associated with the alternative name of either the subject or issuer.",
      DnsFromAlternativeName: "The DNS name associated with the alternative name of either the subject or the issuer.",
      UrlName: "The URL address associated with the alternative name of either the subject or issuer.",
    },
    kind: "enum",
    complete: true,
    source: BCL,
    values: ["SimpleName", "EmailName", "UpnName", "DnsName", "DnsFromAlternativeName", "UrlName"],
    members: [],
  },
];
