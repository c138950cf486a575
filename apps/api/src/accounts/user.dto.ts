import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import {
  PASSWORD_MAX,
  PASSWORD_MIN,
  ROLES,
  UNIT_ID_PATTERN,
  USERNAME_PATTERN,
  USER_NAME_MAX,
  USER_UNITS_MAX,
  passwordError,
} from '@ketnap/domain';
import { Text } from '../dossiers/dto/text';
import { UNIT_ID_MESSAGE } from '../units/unit-id.params';

/** The path of a user's routes. */
export class UsernameParams {
  @ApiProperty({ example: 'lan.nguyen', pattern: USERNAME_PATTERN.source })
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 1 to 64 lowercase letters, digits, dots, underscores or dashes',
    context: { message: 'field.username' },
  })
  username!: string;
}

/** `PUT /users/{username}`: the whole profile, and a password to create the user or replace its own. */
export class PutUserRequestDto {
  @Text(USER_NAME_MAX, 'Nguyễn Thị Lan')
  name!: string;

  @ApiProperty({ enum: ROLES, example: 'secretary' })
  @IsIn(ROLES)
  role!: string;

  @ApiProperty({
    type: [String],
    example: ['chi-bo-lang-gia'],
    description:
      'The units the user acts for (the units claim of its tokens): branches for a secretary, mass-orgs for ' +
      'mass-org, committees for office; each must be in the catalog',
  })
  @IsArray()
  @ArrayMaxSize(USER_UNITS_MAX)
  @Matches(UNIT_ID_PATTERN, { each: true, message: UNIT_ID_MESSAGE })
  units!: string[];

  @ApiPropertyOptional({
    minLength: PASSWORD_MIN,
    maxLength: PASSWORD_MAX,
    example: 'mật khẩu của Lan',
    description: 'Required to create the user; replaces the password of an existing one. Stored hashed (scrypt)',
    writeOnly: true,
  })
  @IsOptional()
  @IsString()
  @ValidateBy(
    {
      name: 'password',
      validator: {
        validate: (value: unknown) => passwordError(value) === undefined,
        defaultMessage: () => `password must be ${PASSWORD_MIN} to ${PASSWORD_MAX} characters long`,
      },
    },
    { context: { message: 'field.password', params: { min: PASSWORD_MIN, max: PASSWORD_MAX } } },
  )
  password?: string;
}

/** A user as answered: never its password or its hash. */
export class UserResponseDto {
  @ApiProperty({ example: 'lan.nguyen' }) username!: string;
  @ApiProperty({ example: 'Nguyễn Thị Lan' }) name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ type: [String], example: ['chi-bo-lang-gia'] }) units!: string[];
  @ApiProperty({ description: 'A disabled user cannot log in, and its tokens are refused' }) disabled!: boolean;
  @ApiProperty({ description: "The user stream's version; send it as If-Match" }) version!: number;
}

export const USER_EXAMPLE = {
  username: 'lan.nguyen',
  name: 'Nguyễn Thị Lan',
  role: 'secretary',
  units: ['chi-bo-lang-gia'],
  disabled: false,
  version: 1,
};

export class UserListResponseDto {
  @ApiProperty({ type: [UserResponseDto] }) items!: UserResponseDto[];
}

/** `POST /auth/login`. */
export class LoginRequestDto {
  @ApiProperty({ example: 'lan.nguyen' })
  @IsString()
  @MaxLength(200)
  username!: string;

  @ApiProperty({ example: 'mật khẩu của Lan', writeOnly: true })
  @IsString()
  @MaxLength(4 * PASSWORD_MAX)
  password!: string;
}

class LoginUserDto {
  @ApiProperty({ example: 'lan.nguyen' }) username!: string;
  @ApiProperty({ example: 'Nguyễn Thị Lan' }) name!: string;
  @ApiProperty({ enum: ROLES }) role!: string;
  @ApiProperty({ type: [String], example: ['chi-bo-lang-gia'] }) units!: string[];
}

export class LoginResponseDto {
  @ApiProperty({ description: 'Send it as Authorization: Bearer <token>; the same JWT `ketnap token` mints' })
  token!: string;
  @ApiProperty({ format: 'date-time', description: 'When the token expires (8 hours, at most AUTH_MAX_TTL)' })
  expiresAt!: string;
  @ApiProperty({ type: LoginUserDto }) user!: LoginUserDto;
}
