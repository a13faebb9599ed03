import type { ConsolePageProps } from '../../views/console-layout.tsx';

/** What every console page is rendered with (consoleProps), as the batch views take it. */
export type ConsolePage = Omit<ConsolePageProps, 'title' | 'children'>;
