import { IsBoolean, IsEmail, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class DevSignInBody {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  /** The web client: keep the refresh token in the HttpOnly cookie, not in the answer. */
  @IsOptional()
  @IsBoolean({ message: 'cookie must be true or false' })
  cookie?: boolean;
}

/** The refresh token in the body, or (the web client) none: then the cookie's is used. */
export class RefreshBody {
  @IsOptional()
  @IsString()
  @Length(20, 200)
  refreshToken?: string;

  /** With a refresh token in the body: answer the next one in the cookie instead. */
  @IsOptional()
  @IsBoolean({ message: 'cookie must be true or false' })
  cookie?: boolean;
}
