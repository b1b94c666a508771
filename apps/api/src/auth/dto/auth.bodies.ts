import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class DevSignInBody {
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;
}

export class RefreshBody {
  @IsString()
  @Length(20, 200)
  refreshToken!: string;
}
