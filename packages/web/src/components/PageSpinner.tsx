import { Spin } from 'antd';

export const PageSpinner = () => (
  <div style={{ padding: 64, textAlign: 'center' }}>
    <Spin size="large" />
  </div>
);
