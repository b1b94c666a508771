import {
  IsBoolean,
  IsEmail,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';

/** The token of the invitation's link (the part after `#`). */
export class OpenPersonLinkBody {
  @IsString()
  @Length(20, 100)
  @Matches(/^[\w-]+$/, { message: 'token must be the link’s token' })
  token!: string;
}

/** A later sign-in: the address the person gave their referent. */
export class RequestPersonCodeBody {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;
}

/** The code received by email, for the challenge the previous step answered. */
export class PersonSignInBody {
  @IsUUID('all', { message: 'challenge must be the challenge given with the code' })
  challenge!: string;

  @IsString()
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits received by email' })
  code!: string;

  /** The web client: keep the refresh token in the HttpOnly cookie, not in the answer. */
  @IsOptional()
  @IsBoolean({ message: 'cookie must be true or false' })
  cookie?: boolean;
}
