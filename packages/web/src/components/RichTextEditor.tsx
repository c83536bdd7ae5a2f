import { useEffect, useRef } from 'react';
import { App, Button, Space, Tooltip } from 'antd';
import {
  BoldOutlined,
  ItalicOutlined,
  LinkOutlined,
  OrderedListOutlined,
  PictureOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Image from '@tiptap/extension-image';
import { useT } from '../i18n';
import { errorMessage } from './errors';

interface Props {
  value?: string;
  onChange?: (html: string) => void;
  /** Uploads an image and answers its URL (the server's /media/… address). */
  uploadImage: (file: File) => Promise<string>;
}

/**
 * A story editor for staff who never wrote HTML: paragraphs, two heading sizes, bold, italics, lists,
 * quotes, links and pictures. It produces HTML that the server sanitizes again before publishing.
 */
export function RichTextEditor({ value, onChange, uploadImage }: Props) {
  const t = useT();
  const { message, modal } = App.useApp();
  const fileInput = useRef<HTMLInputElement>(null);
  const editor = useEditor({
    extensions: [
      StarterKit.configure({ heading: { levels: [2, 3] }, link: { openOnClick: false } }),
      Image.configure({ inline: false }),
    ],
    content: value ?? '',
    onUpdate: ({ editor: e }) => onChange?.(e.isEmpty ? '' : e.getHTML()),
  });
  const state = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e?.isActive('bold') ?? false,
      italic: e?.isActive('italic') ?? false,
      h2: e?.isActive('heading', { level: 2 }) ?? false,
      h3: e?.isActive('heading', { level: 3 }) ?? false,
      bullet: e?.isActive('bulletList') ?? false,
      ordered: e?.isActive('orderedList') ?? false,
      quote: e?.isActive('blockquote') ?? false,
      link: e?.isActive('link') ?? false,
    }),
  });

  // A value set from outside (the form loading a saved campaign) replaces the content.
  useEffect(() => {
    if (editor && value !== undefined && value !== editor.getHTML() && !(value === '' && editor.isEmpty)) {
      editor.commands.setContent(value, { emitUpdate: false });
    }
  }, [editor, value]);

  if (!editor) return null;
  const chain = () => editor.chain().focus();
  const tool = (label: string, active: boolean, run: () => void, icon?: React.ReactNode, text?: string) => (
    <Tooltip title={label}>
      <Button size="small" type={active ? 'primary' : 'default'} icon={icon} onClick={run} aria-label={label}>
        {text}
      </Button>
    </Tooltip>
  );
  const addLink = () => {
    let url = editor.getAttributes('link').href ?? 'https://';
    modal.confirm({
      title: t('editor.link'),
      content: <input className="ant-input" defaultValue={url} onChange={(e) => (url = e.target.value)} autoFocus />,
      onOk: () => {
        if (!url || url === 'https://') chain().unsetLink().run();
        else chain().extendMarkRange('link').setLink({ href: url }).run();
      },
    });
  };
  const addImage = async (file: File) => {
    try {
      const src = await uploadImage(file);
      chain().setImage({ src, alt: '' }).run();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  return (
    <div className="cw-rich-text">
      <Space wrap size={4} style={{ marginBottom: 6 }}>
        {tool(
          t('editor.heading'),
          state?.h2 ?? false,
          () => chain().toggleHeading({ level: 2 }).run(),
          undefined,
          'H2',
        )}
        {tool(
          t('editor.subheading'),
          state?.h3 ?? false,
          () => chain().toggleHeading({ level: 3 }).run(),
          undefined,
          'H3',
        )}
        {tool(t('editor.bold'), state?.bold ?? false, () => chain().toggleBold().run(), <BoldOutlined />)}
        {tool(t('editor.italic'), state?.italic ?? false, () => chain().toggleItalic().run(), <ItalicOutlined />)}
        {tool(
          t('editor.bullets'),
          state?.bullet ?? false,
          () => chain().toggleBulletList().run(),
          <UnorderedListOutlined />,
        )}
        {tool(
          t('editor.numbers'),
          state?.ordered ?? false,
          () => chain().toggleOrderedList().run(),
          <OrderedListOutlined />,
        )}
        {tool(t('editor.quote'), state?.quote ?? false, () => chain().toggleBlockquote().run(), undefined, '“”')}
        {tool(t('editor.link'), state?.link ?? false, addLink, <LinkOutlined />)}
        {tool(t('editor.image'), false, () => fileInput.current?.click(), <PictureOutlined />)}
      </Space>
      <input
        ref={fileInput}
        type="file"
        accept="image/jpeg,image/png,image/webp,image/gif"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void addImage(file);
        }}
      />
      <EditorContent editor={editor} />
    </div>
  );
}
