import { Module } from '@nestjs/common';
import { ImportsModule } from '@relais/imports';
import { ImportController } from './import.controller.js';

@Module({
  imports: [ImportsModule],
  controllers: [ImportController],
})
export class ImportsApiModule {}
