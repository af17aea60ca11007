import type { NotificationTemplate } from '@zhangyi/contracts';
import { listTemplates, saveTemplate } from '../api/notifications';
import { useRequest } from './useRequest';

/** The notice kinds with their template mappings, loaded when the view mounts. */
export function useTemplates() {
  const { data: templates, loading, errorText, run: load } = useRequest(listTemplates);

  /** Shows a saved mapping in place, without reloading the table. */
  function replace(template: NotificationTemplate): void {
    templates.value = (templates.value ?? []).map((item) =>
      item.kind === template.kind ? template : item,
    );
  }

  /**
   * Switches a configured kind on or off, keeping its mapping. Only a kind with a template id
   * can be saved at all, so the table offers the switch on those alone.
   */
  async function setEnabled(
    template: NotificationTemplate,
    enabled: boolean,
  ): Promise<NotificationTemplate> {
    if (!template.templateId) throw new Error(`${template.kind} has no template id`);
    const saved = await saveTemplate(template.kind, {
      templateId: template.templateId,
      fields: template.fields,
      url: template.url,
      enabled,
    });
    replace(saved);
    return saved;
  }

  return { templates, loading, errorText, load, replace, setEnabled };
}
