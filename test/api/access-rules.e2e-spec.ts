import { Controller, Get, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Query, Resolver } from '@nestjs/graphql';
import { SubscribeMessage, WebSocketGateway } from '@nestjs/websockets';
import { Test } from '@nestjs/testing';
import { createAccount, startTestApp, type TestApp } from '@relais/testing';
import { AppModule } from '../../apps/api/src/app.module.js';
import { configureApp } from '../../apps/api/src/configure-app.js';
import { Authenticated } from '../../apps/api/src/auth/access.decorators.js';
import { operationsWithoutAccessRule } from '../../apps/api/src/auth/access-rule.audit.js';
import { startRelais } from '../support/app.js';

@Resolver()
class ForgetfulResolver {
  @Query(() => String)
  forgotten(): string {
    return 'anyone';
  }

  @Authenticated()
  @Query(() => String)
  remembered(): string {
    return 'signed in';
  }
}

@WebSocketGateway()
class ForgetfulGateway {
  @SubscribeMessage('forgotten-message')
  handle(): string {
    return 'anyone';
  }
}

@Controller('forgetful')
class ForgetfulController {
  @Get()
  read(): string {
    return 'anyone';
  }
}

@Module({
  imports: [DiscoveryModule],
  providers: [ForgetfulResolver, ForgetfulGateway],
  controllers: [ForgetfulController],
})
class ForgetfulModule {}

describe('access rules', () => {
  let relais: TestApp;

  beforeAll(async () => {
    relais = await startRelais();
  });

  afterAll(async () => {
    await relais.close();
  });

  it('are declared by every GraphQL operation, socket message and HTTP route of Relais', () => {
    expect(operationsWithoutAccessRule(relais.app)).toEqual([]);
  });

  it('are found missing wherever an operation forgets one', async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ForgetfulModule] }).compile();
    expect(operationsWithoutAccessRule(moduleRef)).toEqual([
      'ForgetfulController.read',
      'Query.forgotten',
      'socket message "forgotten-message"',
    ]);
    await moduleRef.close();
  });

  it('refuse an HTTP route that declares none, even to a signed-in caller', async () => {
    @Module({ imports: [AppModule], controllers: [ForgetfulController] })
    class AppWithAForgetfulRoute {}
    const app = await startTestApp({ module: AppWithAForgetfulRoute, configure: configureApp });
    try {
      const account = await createAccount(app.dataSource);
      const { accessToken } = await app.signIn(account.id);
      const response = await fetch(`${app.baseUrl}/forgetful`, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: 'FORBIDDEN' });
    } finally {
      await app.close();
    }
  });
});
